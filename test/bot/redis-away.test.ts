import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot/start-bot.js';
import { runCommand } from '../../src/commands/run-command.js';
import { loadConfig } from '../../src/config.js';
import { createConsoleSurface } from '../../src/console/create-console-surface.js';
import { freshPrefix } from '../bullmq/redis-test.js';
import { controlEnv } from '../control/control-test-plane.js';
import { startPrivateRedis } from '../helpers/start-private-redis.js';
import { captureLog } from '../postgres/capture-log.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a command typed while Redis is away', () => {
  it('is answered with a sentence saying Redis cannot be reached and to try again, not an error reference; once Redis is back the same command works', async () => {
    const redis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const dir = await mkdtemp(join(tmpdir(), 'dten-redis-away-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const config = loadConfig(
      controlEnv(freshPrefix(), { REDIS_URL: redis.url, DTEN_PACKAGE_DIR: dir, DTEN_APPROVERS: 'U-BOB' }),
    );
    const { log, lines } = captureLog();
    let shown = '';
    const surface = createConsoleSurface((text) => void (shown += `${text}\n`), { filesDir: join(dir, 'files') });
    const bot = await startBot(config, log, surface, { sweepMs: 500 });
    cleanups.push(() => bot.close());
    const type = async (text: string): Promise<string> => {
      const before = shown.length;
      await runCommand({ ...bot.ctx, surface }, { text, user: 'U-ALICE', channel: '#console' });
      return shown.slice(before);
    };

    const connected = await redis.clients();
    await redis.kill();
    for (const command of ['status', 'hosts', 'plan Full-upgrade-package-dten.zip to web-1']) {
      const answer = await type(command);
      expect(answer).toContain('dten cannot reach Redis, where it keeps rollouts and their queues');
      expect(answer).not.toContain('Something went wrong');
    }
    await redis.start();
    let answer = '';
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      answer = await type('status');
      if (!answer.includes('cannot reach Redis')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(answer).toContain('No rollout is active.');
    // Every connection of the bot finds Redis again, the control Worker's blocking one too. (BullMQ's Worker.close()
    // never resolves while that one still waits to reconnect, taskforcesh/bullmq#4656; `dten control` and `dten bot`
    // bound their close anyway, closeWithinGrace.)
    while ((await redis.clients()) < connected) await new Promise((resolve) => setTimeout(resolve, 100));
    const said = lines.map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(said.filter((entry) => entry.msg === 'command failed: Redis unreachable').length).toBeGreaterThanOrEqual(3);
    expect(said.filter((entry) => entry.msg === 'command failed')).toEqual([]);
  }, 60_000);
});
