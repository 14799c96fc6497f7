import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createExecServiceAdapter } from '../../src/agent/host/exec-service-adapter.js';
import { extractRelease } from '../../src/agent/host/extract-release.js';
import { createHostLayout, type HostLayout } from '../../src/agent/host/host-layout.js';
import { pickChildEnv } from '../../src/agent/host/pick-child-env.js';
import { runPackageScript } from '../../src/agent/host/run-package-script.js';
import { stopProcessGroup } from '../../src/agent/host/stop-process-group.js';
import { stopStartedUnits } from '../../src/agent/host/stop-started-units.js';
import { switchCurrent } from '../../src/agent/host/switch-current.js';
import { buildTestPackage, type TestPackageFile } from './build-test-package.js';
import { expectGone, isRunning } from './process-liveness.js';

const TSX = fileURLToPath(import.meta.resolve('tsx'));
const source = (file: string): string => fileURLToPath(new URL(`../../src/agent/host/${file}`, import.meta.url));

/** Ignores SIGTERM, and so does the helper it starts (an ignored signal stays ignored across exec). */
const STUBBORN = '#!/bin/sh\ntrap "" TERM\nsleep 300 &\necho "helper $!"\necho "listening 4321"\nwait\n';
/** Stops when asked. */
const POLITE = '#!/bin/sh\nsleep 300 &\necho "helper $!"\necho "listening 4321"\nwait\n';
const unit = (program: string): string => `[Service]\nExecStart=/opt/dten/current/bin/${program}\n`;

let dir: string;
let hosts = 0;
const started: HostLayout[] = [];
const env = pickChildEnv(process.env);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-stubborn-'));
});
afterEach(async () => {
  for (const host of started.splice(0)) await stopStartedUnits(host);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A host whose current release 9.0.0 is a small package holding `files`. */
async function hostWithRelease(files: TestPackageFile[]): Promise<HostLayout> {
  const host = createHostLayout(await mkdtemp(join(dir, `host-${++hosts}-`)));
  const file = join(host.root, 'package.zip');
  const sha256 = await buildTestPackage(file, '9.0.0', files);
  await extractRelease(host, file, { sha256, version: '9.0.0' });
  await switchCurrent(host, { version: '9.0.0' });
  return host;
}

/** Starts `program` as the exec adapter does (its own process group) and waits until it has started its helper. */
async function startGroupLeader(program: string): Promise<{ pid: number; helper: number }> {
  const child = spawn(program, [], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await vi.waitFor(() => expect(output).toContain('listening'), { timeout: 5_000, interval: 20 });
  child.stdout.destroy();
  child.unref();
  return { pid: child.pid ?? 0, helper: Number(/^helper (\d+)$/m.exec(output)?.[1]) };
}

describe('stopping a service that will not stop when asked', () => {
  it('a service that ends on SIGTERM is stopped by it; one that traps SIGTERM is killed with its helper once the grace period is over', async () => {
    const polite = join(dir, 'polite-service');
    const stubborn = join(dir, 'stubborn-service');
    await writeFile(polite, POLITE, { mode: 0o755 });
    await writeFile(stubborn, STUBBORN, { mode: 0o755 });

    const asked = await startGroupLeader(polite);
    expect(await stopProcessGroup(asked.pid, 'polite-service', 2_000)).toBe('SIGTERM');
    await expectGone(asked.helper);

    const ignoring = await startGroupLeader(stubborn);
    const since = Date.now();
    expect(await stopProcessGroup(ignoring.pid, 'stubborn-service', 300)).toBe('SIGKILL');
    expect(Date.now() - since).toBeGreaterThanOrEqual(300);
    await expectGone(ignoring.pid);
    await expectGone(ignoring.helper);
    expect(await stopProcessGroup(ignoring.pid, 'stubborn-service', 300)).toBeUndefined();
  });

  it('when the exec adapter stops a unit that traps SIGTERM, the process and its helper are gone after the stop timeout and the unit reads as stopped', async () => {
    const host = await hostWithRelease([
      { name: 'units/stubborn.service', content: unit('stubborn-service') },
      { name: 'bin/stubborn-service', content: STUBBORN, mode: 0o100755 },
    ]);
    started.push(host);
    const adapter = createExecServiceAdapter({ layout: host, env, port: 0, stopTimeoutMs: 300 });
    await adapter.start('stubborn.service');
    const pid = Number(await readFile(join(host.runDir, 'stubborn.service.pid'), 'utf8'));
    const log = await readFile(join(host.logDir, 'stubborn.service.log'), 'utf8');
    const helper = Number(/^helper (\d+)$/m.exec(log)?.[1]);
    expect(isRunning(helper)).toBe(true);

    await adapter.stop('stubborn.service');
    await expectGone(pid);
    await expectGone(helper);
    expect(await adapter.isActive('stubborn.service')).toBe(false);
    await expect(readFile(join(host.runDir, 'stubborn.service.pid'))).rejects.toThrow();
  });

  it('a package script that traps SIGTERM past its timeout is killed five seconds later, with its helper', async () => {
    const host = await hostWithRelease([{ name: 'scripts/hang.sh', content: STUBBORN, mode: 0o100755 }]);
    const result = await runPackageScript({
      layout: host,
      version: '9.0.0',
      script: 'scripts/hang.sh',
      env,
      timeoutMs: 200,
    });
    expect(result).toMatchObject({ ok: false, timedOut: true, signal: 'SIGKILL' });
    const helper = Number(/^helper (\d+)$/m.exec(result.stdout)?.[1]);
    expect(helper).toBeGreaterThan(0);
    await expectGone(helper);
  }, 15_000);
});

describe('a unit whose program cannot be run', () => {
  it("when a unit's program has no exec bit, the agent's own process survives and start is refused saying so", async () => {
    const host = await hostWithRelease([
      { name: 'units/plain.service', content: unit('plain-service') },
      { name: 'bin/plain-service', content: POLITE, mode: 0o100644 },
    ]);
    // In a process of its own, as the agent runs: a rejection nobody awaits there ends the process.
    const script = [
      `const { createExecServiceAdapter } = await import(${JSON.stringify(source('exec-service-adapter.ts'))});`,
      `const { createHostLayout } = await import(${JSON.stringify(source('host-layout.ts'))});`,
      `const layout = createHostLayout(${JSON.stringify(host.root)});`,
      'const adapter = createExecServiceAdapter({ layout, env: {}, port: 0 });',
      `const refused = await adapter.start('plain.service').then(() => 'started', (error) => error.code + ': ' + error.params.detail);`,
      'await new Promise((resolve) => setTimeout(resolve, 200));',
      'console.log(refused);',
    ].join('\n');
    const agent = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    agent.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    agent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(agent, 'exit')) as [number | null];
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const program = join(host.currentLink, 'bin/plain-service');
    expect(stdout.trim()).toBe(`service-failed: ${program} could not be run (spawn ${program} EACCES)`);
    expect(await readFile(join(host.runDir, 'plain.service.pid'), 'utf8').catch(() => 'none')).toBe('none');
  });
});
