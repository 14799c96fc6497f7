import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { runConsoleBot } from '../../src/cli/bot-console.js';
import { loadConfig } from '../../src/config.js';
import { approvalRefusalText } from '../../src/messages/chat/commands/approval-refusal-text.js';
import { freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';

const prefix = freshPrefix();
let redis: Redis;
let filesDir: string;

beforeAll(async () => {
  redis = await createRedisConnection(REDIS_URL, 'producer');
  filesDir = await mkdtemp(join(tmpdir(), 'dten-console-bot-files-'));
});

afterAll(async () => {
  await redis.quit();
  await rm(filesDir, { recursive: true, force: true });
});

async function sessionKeys(): Promise<string[]> {
  const [, keys] = await redis.scan('0', 'MATCH', `${prefix}-console-*`, 'COUNT', 100_000);
  return keys;
}

describe('dten bot on the console, driven through stdin', () => {
  it('runs the whole choreography on local agents — preflight, plan, refused and accepted approval, waves, status updates, cleanup — and leaves no key of its session in Redis', async () => {
    const config = loadConfig({
      REDIS_URL,
      DTEN_QUEUE_PREFIX: prefix,
      DTEN_CONSOLE_HOSTS: '2',
      DTEN_POLL_MS: '100',
      DTEN_HEARTBEAT_SECONDS: '1',
      DTEN_CONTROL_LOCK_SECONDS: '5',
      DTEN_AGENT_LOCK_SECONDS: '5',
      LOG_LEVEL: 'warn',
    });
    const logs: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    input.end(
      [
        '/dten preflight Full-upgrade-package-dten.zip',
        'dten plan Full-upgrade-package-dten.zip to env=demo canary 1 batch 1',
        ':wait rollout done',
        '1 yes',
        ':as U-BOB',
        '1',
        'Approve',
        '',
      ].join('\n'),
    );

    expect(await runConsoleBot(config, log, { input, output }, { filesDir, drainTimeoutMs: 120_000 })).toBe(0);

    expect(shown).toContain('2 hosts (web-1, web-2, label env=demo) run dten 4.1.0');
    expect(shown).toMatch(/── #1 · #console · \d\d:\d\d:\d\d UTC ──\n.*Preflight passed with warnings/);
    expect((await readdir(filesDir)).sort()).toEqual([
      expect.stringMatching(/^2-.*\.json$/) as unknown as string,
      expect.stringMatching(/^2-.*\.txt$/) as unknown as string,
    ]);
    expect(shown).toContain(approvalRefusalText('self-approval'));
    expect(shown).toMatch(/Approved by @?U-BOB/);
    const progress = shown.split('\n── ').filter((part) => /^#4 (edited )?·/.test(part));
    expect(progress.at(-1)).toContain('— done');
    expect(progress.at(-1)).toContain('2 of 2 hosts done');
    expect(progress.some((version) => version.includes('wave 1 of 2'))).toBe(true);
    const statuses = shown.split('\n── ').filter((part) => /^#\d+ · #status ·/.test(part));
    expect(statuses).toHaveLength(3);
    expect(statuses.at(-1)).toContain('4.2.0');
    expect(logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)).toEqual([]);
    expect(await sessionKeys()).toEqual([]);
  }, 240_000);
});
