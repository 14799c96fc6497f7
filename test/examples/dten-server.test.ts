import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildExampleSet, type ExampleSet } from './build-example-set.js';
import { extractExampleZip } from './extract-example-zip.js';
import { startDtenServer, type RunningServer } from './start-dten-server.js';

let set: ExampleSet;
const running: RunningServer[] = [];
const pkg = (state: string, path: string): string => join(set.dir, `${state}-pkg`, path);

beforeAll(async () => {
  set = await buildExampleSet();
  for (const state of ['arrived', 'ready', 'previous'] as const) {
    await extractExampleZip(set.packages[state].outFile, join(set.dir, `${state}-pkg`));
  }
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});
afterAll(() => set?.remove());

async function start(state: string, args: string[], env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await startDtenServer(pkg(state, 'bin/dten-server'), args, env);
  running.push(server);
  return server;
}

describe('the dten-server program in the packages', () => {
  it('when the ready package runs with its own config on port 0, /health answers 200 in hybrid mode and /version names 4.2.0', async () => {
    const server = await start('ready', ['--config', pkg('ready', 'config/dten.conf'), '--port', '0']);
    expect(server.port).toBeGreaterThan(0);
    expect(await server.get('/health')).toEqual({
      status: 200,
      body: { status: 'ok', version: '4.2.0', mode: 'hybrid' },
    });
    expect(await server.get('/version')).toEqual({
      status: 200,
      body: { name: 'dten', version: '4.2.0', unit: 'dten-server.service' },
    });
  });

  it('when 4.2.0 runs with the config as it arrived (hybrid off), /health answers 503 fallback with the reason', async () => {
    const server = await start('ready', [], { DTEN_CONFIG: pkg('arrived', 'config/dten.conf'), PORT: '0' });
    const health = await server.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', mode: 'fallback', version: '4.2.0' });
    expect(String(health.body.reason)).toContain('dten.hybrid.enable');
  });

  it('when the fault-injection file appears, /health answers 500, and 200 again once it is removed', async () => {
    const faultFile = join(set.dir, 'fail-health');
    const server = await start('ready', ['--config', pkg('ready', 'config/dten.conf'), '--port=0'], {
      DTEN_FAIL_HEALTH_FILE: faultFile,
    });
    expect((await server.get('/health')).status).toBe(200);
    await writeFile(faultFile, '');
    const failing = await server.get('/health');
    expect(failing.status).toBe(500);
    expect(failing.body).toMatchObject({ status: 'failing', version: '4.2.0' });
    await rm(faultFile);
    expect((await server.get('/health')).status).toBe(200);
  });

  it('when the previous package runs its legacy config, it is healthy 4.1.0 on dten.service', async () => {
    const server = await start('previous', ['--config', pkg('previous', 'config/dten.conf'), '--port', '0']);
    expect(await server.get('/health')).toEqual({
      status: 200,
      body: { status: 'ok', version: '4.1.0', mode: 'legacy' },
    });
    expect((await server.get('/version')).body).toMatchObject({ version: '4.1.0', unit: 'dten.service' });
  });

  it('when SIGTERM arrives, the server stops cleanly with exit code 0 and stops answering', async () => {
    const server = await start('ready', ['--config', pkg('ready', 'config/dten.conf'), '--port', '0']);
    await server.get('/health');
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    await expect(fetch(`http://127.0.0.1:${server.port}/health`)).rejects.toThrow();
  });

  it('when no config is given, the server refuses to start and says how to pass one', async () => {
    await expect(start('ready', ['--port', '0'], { DTEN_CONFIG: '' })).rejects.toThrow(
      /pass --config <file> or set DTEN_CONFIG/,
    );
  });
});
