import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot/start-bot.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { createHostRegistry } from '../../src/bullmq/host-registry.js';
import { loadConfig } from '../../src/config.js';
import { createConsoleOutput } from '../../src/console/create-console-output.js';
import { createConsoleSurface } from '../../src/console/create-console-surface.js';
import { isRolloutMoving } from '../../src/console/is-rollout-moving.js';
import { runConsole } from '../../src/console/run-console.js';
import { buildUpgradePair } from '../../src/examples/build-upgrade-pair.js';
import { approvalRefusalText } from '../../src/messages/chat/commands/approval-refusal-text.js';
import { CONSOLE_TEXT } from '../../src/messages/console/console-text.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { controlEnv } from '../control/control-test-plane.js';
import { startSimulatedFleet, type SimulatedFleet } from '../helpers/simulated-fleet.js';

const PACKAGE = 'Full-upgrade-package-dten.zip';
let dir: string;
let redis: Redis;
let workers: Redis;
const prefixes: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-run-console-'));
  const pair = await buildUpgradePair(join(dir, 'examples'));
  await createDirectoryPackageStore(join(dir, 'packages')).put(pair.ready.outFile, PACKAGE);
  await writeFile(join(dir, 'vendor-root-ca.pem'), pair.ready.rootCaPem);
  [redis, workers] = await Promise.all([
    createRedisConnection(REDIS_URL, 'producer'),
    createRedisConnection(REDIS_URL, 'worker'),
  ]);
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteKeysUnder(redis, prefix);
  await Promise.all([redis?.quit(), workers?.quit()]);
  await rm(dir, { recursive: true, force: true });
});

/** The console loop on a real bot (control plane, chat records, reactor) with simulated hosts web-1 and web-2. */
async function consoleSession(lines: readonly string[]): Promise<string> {
  const prefix = freshPrefix();
  prefixes.push(prefix);
  const config = loadConfig(
    controlEnv(prefix, {
      DTEN_PACKAGE_DIR: join(dir, 'packages'),
      DTEN_TRUSTED_CA: join(dir, 'vendor-root-ca.pem'),
      DTEN_APPROVERS: 'U-ALICE,U-BOB',
      DTEN_STATUS_CHANNEL: '#status',
    }),
  );
  const log = pino({ level: 'silent' });
  const registry = createHostRegistry({ redis, prefix, heartbeatTtlMs: 60_000 });
  let fleet: SimulatedFleet | undefined;
  const screen = new PassThrough();
  let shown = '';
  screen.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  const output = createConsoleOutput(screen);
  const filesDir = join(dir, `files-${prefix}`);
  const surface = createConsoleSurface((text) => output.print(text), { filesDir });
  const bot = await startBot(config, log, surface, { sweepMs: 500 });
  try {
    fleet = await startSimulatedFleet({
      connection: workers,
      prefix,
      jobKey: config.jobKey!,
      hosts: ['web-1', 'web-2'],
      registry,
    });
    const input = new PassThrough();
    input.end(lines.map((line) => `${line}\n`).join(''));
    await runConsole({
      ctx: { ...bot.ctx, surface },
      input,
      output,
      user: 'U-ALICE',
      isMoving: async () => (await bot.ctx.control.store.list(10)).some((r) => isRolloutMoving(r.state)),
      settle: () => bot.reactor.settle(),
      pollMs: 50,
      drainTimeoutMs: 60_000,
    });
    for (const rollout of await bot.ctx.control.store.list(10)) bot.reactor.kick(rollout.id);
  } finally {
    await bot.close();
    await fleet?.close();
  }
  return shown;
}

/** The text of the last version of message #n that was printed. */
function lastVersion(shown: string, n: number): string {
  const versions = shown.split('\n── ').filter((part) => part.startsWith(`#${n} `));
  return versions.at(-1) ?? '';
}

describe('the console loop reading a script', () => {
  it('plays requester and approver with :as: the requester and a non-approver are refused, the approver approves and the rollout runs to done before the script ends', async () => {
    const shown = await consoleSession([
      `/dten plan ${PACKAGE} to web-1,web-2 canary 1 batch 1`,
      ':wait rollout done',
      '1 yes',
      ':as U-CAROL',
      '1',
      'yes',
      ':as U-BOB',
      '2',
      ':home',
      '1 yes',
      '1',
    ]);
    // #1 plan, #2 progress, #3 approval card with [1] Approve [2] Reject.
    expect(shown).toContain('── #3 · #console · thread of #1 ·');
    expect(lastVersion(shown, 3)).not.toContain('[1] Approve');
    expect(shown).toContain('[1] Approve  [2] Reject');
    const alice = shown.indexOf(`(only you) ── #4 · to U-ALICE in #console`);
    expect(shown.slice(alice)).toContain(approvalRefusalText('self-approval'));
    const carol = shown.indexOf(`(only you) ── #5 · to U-CAROL in #console`);
    expect(carol).toBeGreaterThan(alice);
    expect(shown.slice(carol)).toContain(approvalRefusalText('not-an-approver'));
    // U-BOB asked to reject, then typed something that is not an answer: nothing rejected, the line still ran.
    expect(shown).toContain(`${CONSOLE_TEXT.notPressed(2)}\n\n── #6 · App Home of U-BOB`);
    expect(lastVersion(shown, 3)).toMatch(/Approved by @?U-BOB/);
    expect(shown).toContain(CONSOLE_TEXT.buttonGone(1, 3));
    expect(lastVersion(shown, 2)).toContain('— done');
    const statuses = [...shown.matchAll(/── #(\d+) · #status ·/g)].map((match) => Number(match[1]));
    expect(statuses).toHaveLength(3);
    expect(shown).not.toContain('rejected');
  });

  it('answers what it does not know with one line, presses nothing for a number no button has, and stops at :quit', async () => {
    const shown = await consoleSession([
      ':frobnicate now',
      'approve it please',
      '7',
      ':as',
      ':wait soon',
      '# a comment',
      '/dten help',
      ':quit',
      '/dten hosts',
    ]);
    expect(shown.split('\n').slice(0, 5)).toEqual([
      CONSOLE_TEXT.unknown(':frobnicate now'),
      CONSOLE_TEXT.notACommand,
      CONSOLE_TEXT.noSuchButton(7),
      CONSOLE_TEXT.asUsage,
      CONSOLE_TEXT.waitUsage,
    ]);
    expect(shown).toContain('(only you) ── #1 · to U-ALICE in #console');
    expect(shown).toContain('/dten preflight');
    expect(shown).not.toContain('── #2 ');
  });
});
