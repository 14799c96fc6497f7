import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/agent/host/apply-config.js';
import { buildHealthProbe } from '../../src/agent/host/build-health-probe.js';
import { checkHealth } from '../../src/agent/host/check-health.js';
import {
  createExecServiceAdapter,
  type ExecServiceAdapter,
  type ExecServiceAdapterOptions,
} from '../../src/agent/host/exec-service-adapter.js';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import { extractRelease, type ExtractedRelease } from '../../src/agent/host/extract-release.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { pickChildEnv } from '../../src/agent/host/pick-child-env.js';
import { startServices } from '../../src/agent/host/start-services.js';
import { stopServices } from '../../src/agent/host/stop-services.js';
import { switchCurrent } from '../../src/agent/host/switch-current.js';
import { buildHostFixtures, type HostFixtures } from './build-host-fixtures.js';
import { buildTestPackage, type TestPackageFile } from './build-test-package.js';
import { stopStartedUnits } from '../../src/agent/host/stop-started-units.js';
import { expectGone, isRunning } from './process-liveness.js';

/** A real service program: says what it was given, announces a port, then waits to be stopped. */
const ECHO_ARGS =
  '#!/bin/sh\nfor arg in "$@"; do printf \'arg:%s\\n\' "$arg"; done\necho "listening 4321"\nsleep 300\n';

let fixtures: HostFixtures;
const hosts: HostLayout[] = [];
beforeAll(async () => {
  fixtures = await buildHostFixtures();
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await stopStartedUnits(host);
});
afterAll(() => fixtures?.remove());

/** Unpacks a package, points `current` at it and applies its config, as install does before starting services. */
async function switchTo(host: HostLayout, file: string, expected: { sha256: string; version: string }) {
  const release = await extractRelease(host, file, expected);
  await switchCurrent(host, { version: expected.version });
  await applyConfig(host, release.dir, release.manifest.config);
  return release;
}

/** A host with 4.2.0 current and its config applied, as the install step leaves it before starting services. */
async function installed(): Promise<{ host: HostLayout; release: ExtractedRelease }> {
  const host = await fixtures.newHost();
  const release = await switchTo(host, fixtures.ready.outFile, fixtures.ready);
  return { host, release };
}

/** A host whose current release is a small package holding the given units and programs. */
async function hostWithRelease(files: TestPackageFile[]): Promise<HostLayout> {
  const host = await fixtures.newHost();
  const file = join(host.root, 'test-package.zip');
  const sha256 = await buildTestPackage(file, '9.0.0', files);
  await switchTo(host, file, { sha256, version: '9.0.0' });
  return host;
}

function adapterFor(host: HostLayout, extra: Partial<ExecServiceAdapterOptions> = {}): ExecServiceAdapter {
  hosts.push(host);
  return createExecServiceAdapter({ layout: host, env: pickChildEnv(process.env), port: 0, ...extra });
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

  it('when an agent was killed after starting the service but before writing its port, the next start runs it again and learns the port', async () => {
    const { host } = await installed();
    await adapterFor(host).start('dten-server.service');
    const pid = Number(await readFile(join(host.runDir, 'dten-server.service.pid'), 'utf8'));
    await rm(join(host.runDir, 'dten-server.service.port'));
    const afterRestart = adapterFor(host);
    expect(await afterRestart.portOf('dten-server.service')).toBeUndefined();
    await afterRestart.start('dten-server.service');
    await expectGone(pid);
    expect(Number(await readFile(join(host.runDir, 'dten-server.service.pid'), 'utf8'))).not.toBe(pid);
    expect(await afterRestart.portOf('dten-server.service')).toBeGreaterThan(0);
    await afterRestart.stop('dten-server.service');
  });

  it('when the unit was renamed, 4.1.0 runs as dten.service and 4.2.0 as dten-server.service, each from its own unit file, and rollback starts the old one', async () => {
    const host = await fixtures.newHost();
    const adapter = adapterFor(host);
    await switchTo(host, fixtures.previous.outFile, fixtures.previous);
    await expect(adapter.start('dten-server.service')).rejects.toMatchObject({ code: 'unknown-unit' });
    await adapter.start('dten.service');

    // As install does it: unpack 4.2.0, stop under the old release, then switch and start under the new one.
    const release = await extractRelease(host, fixtures.ready.outFile, fixtures.ready);
    const stopped = await stopServices(adapter, release.manifest.services);
    expect(stopped).toEqual(['dten.service']);
    await switchTo(host, fixtures.ready.outFile, fixtures.ready);
    expect(await startServices(adapter, release.manifest.services)).toEqual(['dten-server.service']);
    expect(await adapter.isActive('dten.service')).toBe(false);
    expect(await adapter.isActive('dten-server.service')).toBe(true);

    await stopServices(adapter, release.manifest.services);
    await switchCurrent(host, { version: fixtures.previous.version });
    for (const unit of stopped) await adapter.start(unit);
    expect(await adapter.isActive('dten.service')).toBe(true);
    expect(await adapter.isActive('dten-server.service')).toBe(false);
    const version = await fetch(`http://127.0.0.1:${await adapter.portOf('dten.service')}/version`);
    expect(await version.json()).toEqual({ name: 'dten', version: '4.1.0', unit: 'dten.service' });
  });

  it("when a unit file gives its program arguments, the program gets exactly those, with host paths moved under the agent's root", async () => {
    const host = await hostWithRelease([
      {
        name: 'units/echo.service',
        content: [
          '[Unit]',
          'Description=prints its arguments',
          '[Service]',
          'Type=simple',
          'ExecStart=-/opt/dten/current/bin/echo-args --greeting "hello world" \\',
          '  --data=/var/lib/dten/echo 100%%',
          '',
        ].join('\n'),
      },
      { name: 'bin/echo-args', content: ECHO_ARGS, mode: 0o100755 },
    ]);
    const adapter = adapterFor(host);
    await adapter.start('echo.service');
    expect(await adapter.isActive('echo.service')).toBe(true);
    expect(await adapter.portOf('echo.service')).toBe(4321);
    const printed = (await readFile(join(host.logDir, 'echo.service.log'), 'utf8')).split('\n');
    expect(printed.filter((line) => line.startsWith('arg:'))).toEqual([
      'arg:--greeting',
      'arg:hello world',
      `arg:--data=${join(host.root, 'var/lib/dten/echo')}`,
      'arg:100%',
      'arg:--port',
      'arg:0',
    ]);
    await adapter.stop('echo.service');
    expect(await adapter.isActive('echo.service')).toBe(false);
  });

  it('when a unit runs a program outside the release, starting it is refused with a sentence that says so, and nothing runs', async () => {
    const host = await hostWithRelease([
      { name: 'units/rogue.service', content: '[Service]\nExecStart=/usr/bin/env sleep 300\n' },
      { name: 'units/sneaky.service', content: '[Service]\nExecStart=/opt/dten/current/../../../bin/sleep 300\n' },
    ]);
    const adapter = adapterFor(host);
    const refused = await adapter.start('rogue.service').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HostStepError);
    expect(describeHostStepError(refused as HostStepError)).toBe(
      'The unit rogue.service runs /usr/bin/env, which is not a program of the release (under /opt/dten/current/), so the agent will not run it. Ask the vendor for a unit whose ExecStart= names a program the package ships, or run this host with the systemd adapter.',
    );
    await expect(adapter.start('sneaky.service')).rejects.toMatchObject({ code: 'unit-outside-release' });
    expect(await adapter.isActive('rogue.service')).toBe(false);
    await adapter.stop('rogue.service');
    expect(await readdir(host.runDir).catch(() => [])).toEqual([]);
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
