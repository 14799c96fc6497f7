import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPackageFetcher } from '../../src/agent/create-package-fetcher.js';
import { createHostLayout } from '../../src/agent/host/host-layout.js';
import { freePort } from '../../src/agent/host/free-port.js';
import { createDirectoryPackageStore } from '../../src/package-store/create-directory-package-store.js';
import { fetchPackage } from '../../src/package-store/fetch-package.js';
import { packageUrl } from '../../src/package-store/package-url.js';
import { deleteKeysUnder, freshPrefix } from '../bullmq/redis-test.js';
import { FAKE_BOT_TOKEN, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { controlEnv } from '../control/control-test-plane.js';
import { spawnDten, type DtenProcess } from '../e2e/spawn-dten.js';
import { waitUntil } from '../e2e/wait-until.js';
import { buildPackageFile, makeTempDir, removeTempDirs } from '../package-store/build-package-file.js';
import { issueStoreCertificate } from '../package-store/issue-store-certificate.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';

const running: DtenProcess[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => child.stop()));
  const redis = await createRedisConnection('redis://127.0.0.1:6379', 'producer');
  for (const prefix of prefixes.splice(0)) await deleteKeysUnder(redis, prefix);
  await redis.quit();
  await removeTempDirs();
});

/**
 * `dten control` (or `dten bot`, the Slack app that drives its own rollouts) as an operator starts it, with a package
 * in its store directory and `extra` in its environment.
 */
async function startControl(extra: Record<string, string>, command: 'control' | 'bot' = 'control') {
  const pkg = await buildPackageFile();
  const storeDir = await makeTempDir();
  const { key } = await createDirectoryPackageStore(storeDir).put(pkg.file);
  const prefix = freshPrefix();
  prefixes.push(prefix);
  const work = await makeTempDir();
  const env = controlEnv(prefix, {
    LOG_LEVEL: 'info',
    DTEN_PACKAGE_DIR: storeDir,
    PATH: process.env.PATH ?? '',
    ...extra,
  });
  const control = spawnDten([command], { cwd: work, env, logFile: join(work, `${command}.log`) });
  running.push(control);
  return { pkg, key, control, work };
}

/** Waits for a log line with `message`, or for the process to end; returns the whole log. */
async function logOnceSaid(control: DtenProcess, message: string): Promise<string> {
  return waitUntil(
    async () => {
      const log = await readFile(control.logFile, 'utf8').catch(() => '');
      return log.includes(message) || !control.isRunning() ? log : undefined;
    },
    async () => `dten never said "${message}":\n${await control.tail()}`,
  );
}

/** Runs `dten control` to its end and returns its exit code and output. */
async function controlExit(extra: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { control } = await startControl(extra);
  const code = await new Promise<number | null>((resolve) => {
    if (!control.isRunning()) resolve(control.child.exitCode);
    control.child.once('exit', (exitCode) => resolve(exitCode));
  });
  return { code, output: await readFile(control.logFile, 'utf8') };
}

/** What an agent on a host with no package directory of its own does: fetch the package by key over HTTP. */
async function fetchAsAgent(port: number, token: string, ref: { key: string; sha256: string }): Promise<string> {
  const root = await makeTempDir();
  const fetchForJob = createPackageFetcher({
    layout: createHostLayout(root),
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    store: createDirectoryPackageStore(join(root, 'no-store-here')),
  });
  return fetchForJob({ ...ref, version: '4.2.0' });
}

describe('dten control (and dten bot when it drives) serves the package store to agents on other machines', () => {
  it('when DTEN_PACKAGE_LISTEN is set, an agent configured with DTEN_PACKAGE_URL and the token downloads the package by key', async () => {
    const token = randomBytes(24).toString('base64url');
    const port = await freePort();
    const { pkg, key, control } = await startControl({
      DTEN_PACKAGE_LISTEN: `127.0.0.1:${port}`,
      DTEN_PACKAGE_TOKEN: token,
    });
    const log = await logOnceSaid(control, 'control plane ready');
    expect(log).toContain('serving the package store to remote agents');
    expect(log).not.toContain('plain HTTP beyond this machine');
    expect(log).not.toContain(token);

    const agentFetch = (agentToken: string) => fetchAsAgent(port, agentToken, { key, sha256: pkg.sha256 });
    expect((await readFile(await agentFetch(token))).equals(pkg.bytes)).toBe(true);
    await expect(agentFetch('a-token-of-another-install')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('on every interface over plain HTTP it still serves, and warns in the log that the token crosses the network in clear', async () => {
    const port = await freePort();
    const { control } = await startControl({
      DTEN_PACKAGE_LISTEN: `0.0.0.0:${port}`,
      DTEN_PACKAGE_TOKEN: randomBytes(24).toString('base64url'),
    });
    const log = await logOnceSaid(control, 'control plane ready');
    expect(log).toContain('the package store is served over plain HTTP beyond this machine');
    expect(log).toContain('"level":40');
  });

  it('over HTTPS with DTEN_PACKAGE_TLS_CERT and DTEN_PACKAGE_TLS_KEY, to an agent that trusts the certificate', async () => {
    const { certFile, keyFile, cert: ca } = await issueStoreCertificate(await makeTempDir());
    const token = randomBytes(24).toString('base64url');
    const port = await freePort();
    const { pkg, key, control } = await startControl({
      DTEN_PACKAGE_LISTEN: `127.0.0.1:${port}`,
      DTEN_PACKAGE_TOKEN: token,
      DTEN_PACKAGE_TLS_CERT: certFile,
      DTEN_PACKAGE_TLS_KEY: keyFile,
    });
    await logOnceSaid(control, 'control plane ready');
    const url = packageUrl(`https://127.0.0.1:${port}`, key);
    const fetched = await fetchPackage({ url, token, sha256: pkg.sha256, dir: await makeTempDir(), ca });
    expect(fetched.sha256).toBe(pkg.sha256);
  });

  it('dten bot, driving its own rollouts, serves the package store the same way', async () => {
    const api = await startFakeSlackApi();
    try {
      const token = randomBytes(24).toString('base64url');
      const port = await freePort();
      const {
        pkg,
        key,
        control: bot,
      } = await startControl(
        {
          SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
          SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
          SLACK_API_URL: api.url,
          PORT: String(await freePort()),
          DTEN_PACKAGE_LISTEN: `127.0.0.1:${port}`,
          DTEN_PACKAGE_TOKEN: token,
        },
        'bot',
      );
      const log = await logOnceSaid(bot, 'slack bot ready');
      expect(log).toContain('serving the package store to remote agents');
      expect(log).not.toContain(token);
      expect((await readFile(await fetchAsAgent(port, token, { key, sha256: pkg.sha256 }))).equals(pkg.bytes)).toBe(
        true,
      );
    } finally {
      await api.close();
    }
  });

  it('without a token, with half a TLS pair, or on a port already taken, it does not start and says which variable to fix', async () => {
    const noToken = await controlExit({ DTEN_PACKAGE_LISTEN: '127.0.0.1:8430' });
    expect(noToken.code).toBe(2);
    expect(noToken.output.trim()).toBe(
      'dten: DTEN_PACKAGE_TOKEN is not set, and remote agents present it to download packages from DTEN_PACKAGE_LISTEN. Set it in the environment or .env (see .env.example).',
    );

    const token = randomBytes(24).toString('base64url');
    const halfTls = await controlExit({
      DTEN_PACKAGE_LISTEN: '127.0.0.1:8430',
      DTEN_PACKAGE_TOKEN: token,
      DTEN_PACKAGE_TLS_CERT: '/etc/dten/cert.pem',
    });
    expect(halfTls.code).toBe(2);
    expect(halfTls.output).toContain('DTEN_PACKAGE_TLS_KEY is not set');

    const port = await freePort();
    const first = await startControl({ DTEN_PACKAGE_LISTEN: `127.0.0.1:${port}`, DTEN_PACKAGE_TOKEN: token });
    await logOnceSaid(first.control, 'control plane ready');
    const taken = await controlExit({ DTEN_PACKAGE_LISTEN: `127.0.0.1:${port}`, DTEN_PACKAGE_TOKEN: token });
    expect(taken.code).toBe(2);
    expect(taken.output.trim()).toBe(
      `dten: DTEN_PACKAGE_LISTEN is not valid: 127.0.0.1:${port} is already in use (only one control plane per machine can serve packages on it). Fix it in the environment or .env (see .env.example).`,
    );
    expect(taken.output).not.toContain(token);
  });
});
