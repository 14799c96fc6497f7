import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyConfig } from '../../src/agent/host/apply-config.js';
import { buildHealthProbe } from '../../src/agent/host/build-health-probe.js';
import { checkHealth } from '../../src/agent/host/check-health.js';
import {
  createExecServiceAdapter,
  type ExecServiceAdapter,
  type ExecServiceAdapterOptions,
} from '../../src/agent/host/exec-service-adapter.js';
import { extractRelease, type ExtractedRelease } from '../../src/agent/host/extract-release.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { pickChildEnv } from '../../src/agent/host/pick-child-env.js';
import { startServices } from '../../src/agent/host/start-services.js';
import { stopServices } from '../../src/agent/host/stop-services.js';
import { switchCurrent } from '../../src/agent/host/switch-current.js';
import { buildHostFixtures, type HostFixtures } from './build-host-fixtures.js';

const DTEN_SERVER = { program: 'bin/dten-server', config: 'dten.conf' };
const UNITS = { 'dten-server.service': DTEN_SERVER, 'dten.service': DTEN_SERVER };

let fixtures: HostFixtures;
const adapters: ExecServiceAdapter[] = [];
beforeAll(async () => {
  fixtures = await buildHostFixtures();
});
afterEach(async () => {
  for (const adapter of adapters.splice(0)) for (const unit of Object.keys(UNITS)) await adapter.stop(unit);
});
afterAll(() => fixtures?.remove());

/** A host with 4.2.0 current and its config applied, as the install step leaves it before starting services. */
async function installed(): Promise<{ host: HostLayout; release: ExtractedRelease }> {
  const host = await fixtures.newHost();
  const release = await extractRelease(host, fixtures.ready.outFile, {
    sha256: fixtures.ready.sha256,
    version: '4.2.0',
  });
  await switchCurrent(host, { version: '4.2.0' });
  await applyConfig(host, release.dir, release.manifest.config);
  return { host, release };
}

function adapterFor(host: HostLayout, extra: Partial<ExecServiceAdapterOptions> = {}): ExecServiceAdapter {
  const adapter = createExecServiceAdapter({
    layout: host,
    units: UNITS,
    env: pickChildEnv(process.env),
    port: 0,
    ...extra,
  });
  adapters.push(adapter);
  return adapter;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An exited child stays in the process table until it is reaped; wait for that, then it is truly gone. */
async function expectGone(pid: number): Promise<void> {
  await vi.waitFor(() => expect(isRunning(pid)).toBe(false), { timeout: 2_000, interval: 20 });
}

async function healthOf(adapter: ExecServiceAdapter, release: ExtractedRelease, attempts = 3) {
  const healthCheck = release.manifest.healthCheck ?? {};
  const probe = buildHealthProbe(healthCheck, {
    port: await adapter.portOf('dten-server.service'),
    releaseDir: release.dir,
    env: {},
  });
  if (probe === undefined) throw new Error('the ready manifest has no health check');
  return checkHealth(probe, { attempts, intervalMs: 100, timeoutMs: 2_000 });
}

describe('running dten-server under the exec adapter', () => {
  it('when the agent starts dten-server.service from the current release, the health check passes in hybrid mode', async () => {
    const { host, release } = await installed();
    const adapter = adapterFor(host);
    await adapter.start('dten-server.service');
    expect(await adapter.isActive('dten-server.service')).toBe(true);
    const health = await healthOf(adapter, release);
    expect(health).toMatchObject({ healthy: true, status: 200, attempts: 1 });
    expect(JSON.parse(health.detail)).toEqual({ status: 'ok', version: '4.2.0', mode: 'hybrid' });
    expect(await readFile(join(host.logDir, 'dten-server.service.log'), 'utf8')).toMatch(/^listening \d+$/m);
  });

  it('when the fault file appears, the health check fails after its retries with the reason the server gives', async () => {
    const { host, release } = await installed();
    const faultFile = join(host.root, 'fail-health');
    const adapter = adapterFor(host, { env: { ...pickChildEnv(process.env), DTEN_FAIL_HEALTH_FILE: faultFile } });
    await adapter.start('dten-server.service');
    await writeFile(faultFile, '');
    const health = await healthOf(adapter, release, 2);
    expect(health).toMatchObject({ healthy: false, status: 500, attempts: 2 });
    expect(health.detail).toContain('fault injected');
    await rm(faultFile);
    expect((await healthOf(adapter, release)).healthy).toBe(true);
  });

  it('when the service is stopped, its process is gone, the pid file removed and nothing answers any more', async () => {
    const { host, release } = await installed();
    const adapter = adapterFor(host);
    await adapter.start('dten-server.service');
    const pid = Number(await readFile(join(host.runDir, 'dten-server.service.pid'), 'utf8'));
    const port = await adapter.portOf('dten-server.service');
    expect(isRunning(pid)).toBe(true);
    await adapter.stop('dten-server.service');
    await expectGone(pid);
    expect(await adapter.isActive('dten-server.service')).toBe(false);
    await expect(readFile(join(host.runDir, 'dten-server.service.pid'))).rejects.toThrow();
    const probe = buildHealthProbe(release.manifest.healthCheck ?? {}, { port, releaseDir: release.dir, env: {} });
    const health = await checkHealth(probe ?? { kind: 'http', url: '' }, { attempts: 1, timeoutMs: 1_000 });
    expect(health).toMatchObject({ healthy: false, status: undefined });
    expect(health.detail).toContain('ECONNREFUSED');
  });

  it('when the agent restarts (a new adapter on the same root), it finds the running service and can stop it', async () => {
    const { host } = await installed();
    await adapterFor(host).start('dten-server.service');
    const pid = Number(await readFile(join(host.runDir, 'dten-server.service.pid'), 'utf8'));
    const afterRestart = adapterFor(host);
    expect(await afterRestart.isActive('dten-server.service')).toBe(true);
    await afterRestart.start('dten-server.service');
    expect(Number(await readFile(join(host.runDir, 'dten-server.service.pid'), 'utf8'))).toBe(pid);
    await afterRestart.stop('dten-server.service');
    await expectGone(pid);
  });

  it('when the unit was renamed, the old dten.service is stopped and dten-server.service started, and rollback starts the old one', async () => {
    const { host, release } = await installed();
    const adapter = adapterFor(host);
    await adapter.start('dten.service');
    const stopped = await stopServices(adapter, release.manifest.services);
    expect(stopped).toEqual(['dten.service']);
    expect(await startServices(adapter, release.manifest.services)).toEqual(['dten-server.service']);
    expect(await adapter.isActive('dten.service')).toBe(false);
    expect(await adapter.isActive('dten-server.service')).toBe(true);
    await stopServices(adapter, release.manifest.services);
    for (const unit of stopped) await adapter.start(unit);
    expect(await adapter.isActive('dten.service')).toBe(true);
    expect(await adapter.isActive('dten-server.service')).toBe(false);
  });

  it('when the service exits at once, start fails with its own last words and no pid file is left', async () => {
    const { host } = await installed();
    await writeFile(join(host.configDir, 'dten.conf'), 'dten.listen.port = not-a-port\n');
    const adapter = adapterFor(host, { port: undefined });
    const failure = await adapter.start('dten-server.service').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'service-failed' });
    expect((failure as { params: { detail: string } }).params.detail).toContain('port must be 0-65535');
    expect(await adapter.isActive('dten-server.service')).toBe(false);
    await expect(readFile(join(host.runDir, 'dten-server.service.pid'))).rejects.toThrow();
  });

  it('when a unit is not in the unit map and has no unit file, starting it is refused', async () => {
    const { host } = await installed();
    await expect(adapterFor(host).start('unknown.service')).rejects.toMatchObject({ code: 'unknown-unit' });
  });
});
