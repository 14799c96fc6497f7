import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHealthProbe } from '../../src/agent/host/build-health-probe.js';
import { checkHealth } from '../../src/agent/host/check-health.js';

const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve)))));

/** A health endpoint that answers each request with the next of `answers` (the last one repeats). */
async function serve(answers: [number, object][]): Promise<number> {
  let asked = 0;
  const server = createServer((_request, response) => {
    const [status, body] = answers[Math.min(asked++, answers.length - 1)] ?? [500, {}];
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('the health check after services start', () => {
  it('when the service answers 503 while warming up and then 200, it is healthy on the second attempt with its error rate', async () => {
    const port = await serve([
      [503, { status: 'starting' }],
      [200, { status: 'ok', errorRate: 0.02 }],
    ]);
    const probe = buildHealthProbe({ url: 'http://127.0.0.1:${PORT}/health' }, { port, releaseDir: '/', env: {} });
    const health = await checkHealth(probe ?? { kind: 'http', url: '' }, { attempts: 3, intervalMs: 10 });
    expect(health).toEqual({
      healthy: true,
      status: 200,
      detail: '{"status":"ok","errorRate":0.02}',
      errorRate: 0.02,
      attempts: 2,
    });
  });

  it('when the manifest asks for a command instead, exit 0 is healthy and anything else is not, with its output as the detail', async () => {
    const probe = (code: number) =>
      buildHealthProbe(
        { command: [process.execPath, '-e', `console.log('checked in ' + process.cwd()); process.exit(${code})`] },
        { port: undefined, releaseDir: '/tmp', env: {} },
      );
    expect(await checkHealth(probe(0) ?? { kind: 'http', url: '' }, { attempts: 1 })).toMatchObject({
      healthy: true,
      status: 0,
      detail: 'checked in /tmp',
    });
    expect(await checkHealth(probe(3) ?? { kind: 'http', url: '' }, { attempts: 2, intervalMs: 10 })).toMatchObject({
      healthy: false,
      status: 3,
      attempts: 2,
    });
  });

  it('when an unhealthy endpoint dumps its configuration, the detail that leaves the host has the password masked', async () => {
    const password = ['Fr1day', 'Night', 'Deploy', '77'].join('-');
    const port = await serve([[503, { status: 'db down', database: `postgres://dten:${password}@db.internal/dten` }]]);
    const health = await checkHealth({ kind: 'http', url: `http://127.0.0.1:${port}/health` }, { attempts: 1 });
    expect(health).toMatchObject({ healthy: false, status: 503 });
    expect(health.detail).toContain('"status":"db down","database":"postgres://dten:');
    expect(health.detail).not.toContain(password);
  });

  it('when the manifest URL is not http(s), no probe is built from it', () => {
    expect(buildHealthProbe({ url: 'file:///etc/passwd' }, { port: 1, releaseDir: '/', env: {} })).toBeUndefined();
  });
});
