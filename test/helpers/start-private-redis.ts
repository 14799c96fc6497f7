import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface PrivateRedis {
  url: string;
  /** kill -9, as a crashed or rebooted Redis host: what the append-only file holds is all that survives. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** How many clients are connected now (this question's own connection not counted). */
  clients(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the test's own, on a free loopback port, persisting every write (AOF, fsync always) as
 * docs/deploy.md asks of production: for tests that restart Redis under a running rollout without touching the
 * machine's shared one.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'dten-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
  args.push('--appendfsync', 'always', '--maxmemory-policy', 'noeviction');
  let server: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    // A test that times out before its cleanup must not leave the server running after the test process.
    const killWithTest = (): void => void child.kill('SIGKILL');
    process.once('exit', killWithTest);
    child.once('exit', () => process.off('exit', killWithTest));
    await new Promise<void>((resolve, reject) => {
      let said = '';
      child.stdout.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${said.slice(-500)}`)));
      child.once('error', reject);
    });
  };
  const kill = async (): Promise<void> => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    async clients() {
      const asking = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await asking.connect();
        const connected = /connected_clients:(\d+)/.exec(await asking.info('clients'))?.[1];
        return Number(connected ?? 1) - 1;
      } finally {
        asking.disconnect();
      }
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
