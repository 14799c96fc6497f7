import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComponentProber, runComponentProbes } from '../../src/agent/host/component-probes.js';
import { createExecServiceAdapter } from '../../src/agent/host/exec-service-adapter.js';
import { createHostLayout } from '../../src/agent/host/host-layout.js';
import { gatherHostFacts } from '../../src/agent/gather-host-facts.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { createHostRegistry } from '../../src/bullmq/host-registry.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { spawnDten } from '../e2e/spawn-dten.js';
import { waitUntil } from '../e2e/wait-until.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
let env: Record<string, string>;

/** A program on PATH that prints `output` (to stderr with `toStderr`) and exits with `code`. */
async function program(name: string, output: string, options: { code?: number; toStderr?: boolean } = {}) {
  const stream = options.toStderr ? ' >&2' : '';
  await writeFile(join(dir, name), `#!/bin/sh\necho '${output}'${stream}\nexit ${options.code ?? 0}\n`);
  await chmod(join(dir, name), 0o755);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-probes-'));
  env = { PATH: `${dir}:${process.env.PATH ?? ''}` };
  await program('psql', 'psql (PostgreSQL) 12.4 (Debian 12.4-1)');
  await program('openssl', 'OpenSSL 3.0.17 1 Jul 2025 (Library: OpenSSL 3.0.17 1 Jul 2025)');
  await program('nginx', 'nginx version: nginx/1.22.1', { toStderr: true });
  await program('broken', 'version 9.9.9 is broken', { code: 3 });
  await program('chatty', 'no numbers here');
  await writeFile(join(dir, 'slow'), '#!/bin/sh\nsleep 5\necho 1.0.0\n');
  await chmod(join(dir, 'slow'), 0o755);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('component probes on a host', () => {
  it('read the first version number each program prints, on stdout or stderr, and report every probe that gave none', async () => {
    const probed = await runComponentProbes(
      {
        postgresql: ['psql', '--version'],
        openssl: ['openssl', 'version'],
        nginx: ['nginx', '-v'],
        broken: ['broken'],
        chatty: ['chatty'],
        slow: ['slow'],
        missing: ['no-such-program-here', '--version'],
      },
      { env, timeoutMs: 500 },
    );
    expect(probed.versions).toEqual({ postgresql: '12.4', openssl: '3.0.17', nginx: '1.22.1' });
    expect(probed.problems).toEqual({
      broken: '`broken` failed (3)',
      chatty: '`chatty` printed no version number',
      slow: '`slow` did not answer within 0.5 s',
      missing: '`no-such-program-here --version`: no-such-program-here is not installed or not on PATH',
    });
  });

  it('run again only when asked for a fresh reading or when the last one is older than the limit', async () => {
    const counter = join(dir, 'count');
    await writeFile(join(dir, 'counted'), `#!/bin/sh\necho x >> '${counter}'\necho 2.0.0\n`);
    await chmod(join(dir, 'counted'), 0o755);
    const probe = createComponentProber({ counted: ['counted'] }, { env, maxAgeMs: 60_000 });
    await probe();
    await probe();
    expect((await probe({ fresh: true })).versions).toEqual({ counted: '2.0.0' });
    expect((await readFile(counter, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
  });

  it("go into the host's facts beside the release the agent installed, which no probe overrides", async () => {
    const layout = createHostLayout(await mkdtemp(join(dir, 'host-root-')));
    const facts = await gatherHostFacts({
      hostId: 'web-1',
      labels: {},
      layout,
      services: createExecServiceAdapter({ layout, env }),
      probed: { postgresql: '12.4', openssl: '3.0.17' },
      agentVersion: 'test',
      now: new Date(),
    });
    expect(facts.components).toEqual({ postgresql: '12.4', openssl: '3.0.17' });
  });
});

describe('dten agent with DTEN_PROBES', () => {
  it('registers the versions its probes read, so preflight and plans see them', async () => {
    const prefix = freshPrefix();
    const probesFile = join(dir, 'probes.json');
    await writeFile(probesFile, JSON.stringify({ postgresql: ['psql', '--version'], openssl: ['openssl', 'version'] }));
    const agent = spawnDten(['agent', '--host', 'web-1', '--root', await mkdtemp(join(dir, 'agent-root-'))], {
      cwd: dir,
      env: {
        ...env,
        REDIS_URL,
        DTEN_QUEUE_PREFIX: prefix,
        DTEN_JOB_KEY: 'k'.repeat(40),
        DTEN_PROBES: probesFile,
        DTEN_SERVICE_ADAPTER: 'exec',
        LOG_LEVEL: 'info',
      },
      logFile: join(dir, 'agent.log'),
    });
    const redis = await createRedisConnection(REDIS_URL, 'producer');
    try {
      const registry = createHostRegistry({ redis, prefix, heartbeatTtlMs: 30_000 });
      const facts = await waitUntil(
        async () => (await registry.getFacts('web-1')) ?? undefined,
        async () => `the agent never registered:\n${await agent.tail()}`,
        30_000,
      );
      expect(facts.components).toEqual({ postgresql: '12.4', openssl: '3.0.17' });
    } finally {
      await agent.stop();
      await deleteKeysUnder(redis, prefix);
      await redis.quit();
    }
  });

  it('refuses to start with one line naming the file when DTEN_PROBES is not a probes file', async () => {
    const probesFile = join(dir, 'bad-probes.json');
    await writeFile(probesFile, JSON.stringify({ postgresql: 'psql --version' }));
    const result = await runCli(['agent', '--host', 'web-1', '--root', dir], {
      DTEN_JOB_KEY: 'k'.repeat(40),
      DTEN_PROBES: probesFile,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `dten: The probes file ${probesFile} (DTEN_PROBES) is not usable: postgresql: Invalid input: expected array, received string. It must be JSON such as {"postgresql": ["psql", "--version"]}.`,
    );
  });
});
