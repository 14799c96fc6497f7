import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { mkdtemp, readdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type Bot } from '../bot/start-bot.js';
import { createRedisConnection } from '../bullmq/create-redis-connection.js';
import type { Config } from '../config.js';
import { createConsoleOutput } from '../console/create-console-output.js';
import { createConsoleSurface } from '../console/create-console-surface.js';
import { isRolloutMoving } from '../console/is-rollout-moving.js';
import { runConsole } from '../console/run-console.js';
import { startLocalFleet, type LocalFleet } from '../console/start-local-fleet.js';
import type { Logger } from '../logger.js';
import { CONSOLE_TEXT } from '../messages/console/console-text.js';
import { deleteKeysUnder } from '../redis/delete-keys-under.js';

export interface ConsoleIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export interface ConsoleBotOptions {
  /** How long the end of piped input waits for moving rollouts (default 15 min). */
  drainTimeoutMs?: number;
  /** Where attached files go (default: a new temp folder, kept when it holds any). */
  filesDir?: string;
}

/** Console approvers when none are configured: either can approve what the other asked for (four-eyes holds). */
const DEMO_APPROVERS = ['U-ALICE', 'U-BOB'];

/**
 * `dten bot` without Slack: a private session (its own Redis prefix and job key) with a local fleet, the control
 * plane and the command layer, talking through the console. Everything of the session is removed at the end.
 */
export async function runConsoleBot(
  config: Config,
  log: Logger,
  io: ConsoleIo,
  options: ConsoleBotOptions = {},
): Promise<number> {
  const terminal = Boolean(io.input.isTTY && io.output.isTTY);
  const output = createConsoleOutput(io.output);
  // Without Redis nothing can run: say so in one line before any agent starts. This connection removes the session.
  const redis = await createRedisConnection(config.redisUrl, 'producer', {}, log);
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  process.once('SIGTERM', abort).once('SIGINT', abort);
  const session: Config = {
    ...config,
    queuePrefix: `${config.queuePrefix}-console-${randomBytes(4).toString('hex')}`,
    jobKey: randomBytes(32).toString('hex'),
  };
  let fleet: LocalFleet | undefined;
  let bot: Bot | undefined;
  const filesDir = options.filesDir ?? (await mkdtemp(join(tmpdir(), 'dten-console-files-')));
  try {
    output.print(CONSOLE_TEXT.starting(config.console.hosts));
    fleet = await startLocalFleet(session, log.child({ role: 'local-fleet' }), { hosts: config.console.hosts });
    const configured = [...config.chat.approvers.users, ...config.chat.approvers.groups];
    const demo = configured.length === 0;
    const botConfig: Config = {
      ...session,
      packageDir: fleet.packageDir,
      trustedCaPaths: [...config.trustedCaPaths, fleet.vendorRootCaFile],
      chat: {
        ...config.chat,
        approvers: demo ? { users: DEMO_APPROVERS, groups: [] } : config.chat.approvers,
        statusChannel: config.chat.statusChannel ?? '#status',
      },
    };
    const surface = createConsoleSurface((text) => output.print(text), {
      filesDir,
      color: terminal,
      ...(terminal && io.output.columns ? { width: Math.min(io.output.columns, 100) } : {}),
    });
    bot = await startBot(botConfig, log, surface);
    const { store } = bot.ctx.control;
    const { reactor } = bot;
    output.print(
      CONSOLE_TEXT.welcome({
        user: config.console.user,
        hosts: fleet.hosts.map((host) => host.hostId),
        versions: fleet.versions,
        packageKey: fleet.packageKey,
        approvers: demo ? DEMO_APPROVERS : configured,
      }),
    );
    await runConsole({
      ctx: { ...bot.ctx, surface },
      input: io.input,
      output,
      terminal: terminal ? io.output : undefined,
      user: config.console.user,
      isMoving: async () => (await store.list(100)).some((rollout) => isRolloutMoving(rollout.state)),
      settle: () => reactor.settle(),
      signal: stop.signal,
      ...(options.drainTimeoutMs === undefined ? {} : { drainTimeoutMs: options.drainTimeoutMs }),
    });
  } finally {
    process.off('SIGTERM', abort).off('SIGINT', abort);
    if (bot) await closeBot(bot, log);
    output.print(CONSOLE_TEXT.goodbye);
    await fleet?.close();
    await removeSessionKeys(redis, session.queuePrefix, log);
    await forgetEmpty(filesDir, options.filesDir === undefined, (text) => output.print(text));
  }
  return 0;
}

/** The last changes of every rollout reach the console before the bot stops. */
async function closeBot(bot: Bot, log: Logger): Promise<void> {
  try {
    for (const rollout of await bot.ctx.control.store.list(100)) bot.reactor.kick(rollout.id);
  } catch (error) {
    log.warn({ err: error }, 'could not bring the console up to date before stopping');
  }
  await bot.close();
}

async function removeSessionKeys(redis: Redis, prefix: string, log: Logger): Promise<void> {
  try {
    await deleteKeysUnder(redis, prefix);
  } catch (error) {
    log.warn({ err: error, prefix }, 'could not remove the console session from Redis');
  } finally {
    await redis.quit().catch(() => undefined);
  }
}

async function forgetEmpty(dir: string, ours: boolean, print: (text: string) => void): Promise<void> {
  if (!ours) return;
  if ((await readdir(dir).catch(() => [])).length === 0) await rmdir(dir).catch(() => undefined);
  else print(CONSOLE_TEXT.filesKept(dir));
}
