import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../src/preflight/preflight-report.js';
import { buildYazlZip, writeTempFile, type YazlFile } from '../archive/build-yazl-zip.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
const manifest = {
  name: 'dten',
  version: '4.2.0',
  buildDate: '2026-11-01T00:00:00Z',
  upgradeFrom: '>=4.0.0 <4.2.0',
  dependencies: { postgresql: '>=13 <17' },
  reboot: 'none',
  downtime: '5m',
};

async function zipFile(files: YazlFile[]): Promise<string> {
  return writeTempFile('package.zip', await buildYazlZip(files));
}

function expectOneLineWithoutStack(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-cli-'));
});

describe('dten preflight as a CI pipeline runs it', () => {
  it('when the file is not a zip, it exits 2 with one line that says why and what to do', async () => {
    const path = join(dir, 'notes.zip');
    await writeFile(path, 'just some notes, not an archive\n'.repeat(10));
    const result = await runCli(['preflight', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot be read safely');
    expectOneLineWithoutStack(result.stderr);
  });

  it('when the file is not a zip and --json is asked, stdout still carries an unreadable report', async () => {
    const path = join(dir, 'empty.zip');
    await writeFile(path, '');
    const result = await runCli(['preflight', path, '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as PreflightReport;
    expect(report.verdict).toBe('unreadable');
    expect(report.findings[0]).toMatchObject({ category: 'archive', severity: 'blocker' });
  });

  it('when the package does not exist, it exits 2 and names the path', async () => {
    const result = await runCli(['preflight', join(dir, 'missing.zip')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing.zip does not exist');
    expectOneLineWithoutStack(result.stderr);
  });

  it('when a folder is named instead of the package, or of its inventory, it exits 2 saying to name the file itself', async () => {
    const result = await runCli(['preflight', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`dten: The package ${dir} is a folder, not a file. Name the file itself.`);
    const zip = join(dir, 'inventory-folder.zip');
    await writeFile(zip, '');
    const inventory = await runCli(['preflight', zip, '--inventory', dir]);
    expect(inventory.code).toBe(2);
    expect(inventory.stderr.trim()).toBe(`dten: The inventory ${dir} is a folder, not a file. Name the file itself.`);
  });

  it('when it is used wrongly, it exits 2 and points at --help', async () => {
    for (const args of [
      ['preflight'],
      ['preflight', 'a.zip', '--bogus'],
      ['deploy'],
      ['preflight', 'a.zip', '--json', '--sarif'],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('dten --help');
      expectOneLineWithoutStack(result.stderr);
    }
  });

  it('when an environment variable is invalid, it exits 2 naming the variable', async () => {
    const result = await runCli(['preflight', 'a.zip'], { DTEN_MAX_ENTRIES: 'many' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DTEN_MAX_ENTRIES');
    expectOneLineWithoutStack(result.stderr);
  });

  it('when the inventory is not valid JSON, it exits 2 naming the file and its expected shape', async () => {
    const zip = await zipFile([{ name: 'manifest.json', content: JSON.stringify(manifest) }]);
    const inventory = join(dir, 'inventory.json');
    await writeFile(inventory, '{ "db-1": ');
    const result = await runCli(['preflight', zip, '--inventory', inventory]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('inventory.json');
    expectOneLineWithoutStack(result.stderr);
  });

  it('when the policy file is a binary, the line says so without putting its bytes on the terminal', async () => {
    const zip = await zipFile([{ name: 'manifest.json', content: JSON.stringify(manifest) }]);
    const policy = join(dir, 'policy.json');
    // A zip renamed by mistake, with a terminal escape in it: raw, it would turn the rest of the terminal red.
    await writeFile(policy, Buffer.from('PK\x03\x04\x00\x00\x1b[31mred', 'latin1'));
    const result = await runCli(['preflight', zip, '--policy', policy]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('policy.json');
    expect(result.stderr).toContain('not valid JSON');
    expect(result.stderr).toContain('PK\\x03\\x04');
    // eslint-disable-next-line no-control-regex
    expect(result.stderr.trimEnd()).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    expectOneLineWithoutStack(result.stderr);
  });
  it('when a clean package is checked, it exits 0 and says so', async () => {
    const zip = await zipFile([
      { name: 'manifest.json', content: JSON.stringify(manifest) },
      { name: 'README.md', content: '# dten 4.2.0\n' },
    ]);
    const result = await runCli(['preflight', zip]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PASS');
  });

  it('when a credential hides in an archive inside the package, it is reported as outer!inner with the secret masked', async () => {
    const token = ['ghp', '_', 'R8x2Kq9LmZ4vT7nB1cW5yH3jD6fS0aP2eU8i'].join('');
    const inner = await buildYazlZip([
      { name: 'tools/deploy.sh', content: `#!/bin/sh\nexport GITHUB_TOKEN=${token}\n` },
    ]);
    const zip = await zipFile([
      { name: 'manifest.json', content: JSON.stringify(manifest) },
      { name: 'vendor/tools.zip', content: inner },
    ]);
    for (const format of [[], ['--json'], ['--sarif']]) {
      const result = await runCli(['preflight', zip, ...format]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('vendor/tools.zip!tools/deploy.sh');
      expect(result.stdout.includes(token) || result.stderr.includes(token)).toBe(false);
    }
  });
});

describe('dten bot, control and agent with no Redis where REDIS_URL points', () => {
  it.each([['bot'], ['control'], ['agent', '--host', 'web-1']])(
    'dten %s exits 2 with one line saying to start Redis or fix REDIS_URL, without the password',
    async (...args) => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise((resolve) => server.close(resolve));
      const result = await runCli([...args, ...(args[0] === 'agent' ? ['--root', dir] : [])], {
        REDIS_URL: `redis://:hunter2-redis@127.0.0.1:${port}`,
        DTEN_JOB_KEY: 'x'.repeat(40),
      });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        `dten: Cannot reach Redis at redis://127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}). Start Redis, or point REDIS_URL at it (see .env.example).`,
      );
      expect(result.stdout).not.toContain('hunter2');
    },
  );
});

describe('dten agent as an operator starts it', () => {
  it('when DTEN_JOB_KEY is not set, it refuses to start with one line naming the variable', async () => {
    const result = await runCli(['agent', '--host', 'web-1', '--root', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DTEN_JOB_KEY is not set');
    expectOneLineWithoutStack(result.stderr);
  });

  it('when its --root does not exist, it says so in one line and exits instead of hanging', async () => {
    const root = join(dir, 'no-such-root');
    const result = await runCli(['agent', '--host', 'web-1', '--root', root], { DTEN_JOB_KEY: 'x'.repeat(40) });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `dten: The agent root (--root) ${root} does not exist. Check the path and try again.`,
    );
  });

  it('when the host id could not be a queue name, it says what a host id may hold', async () => {
    const result = await runCli(['agent', '--host', 'web:1'], { DTEN_JOB_KEY: 'x'.repeat(40) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a host id is letters, digits');
  });
});
