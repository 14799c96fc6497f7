import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReleaseTrust } from '../../src/agent/host/check-release-trust.js';
import { issueTestCertificate, type TestCertificate } from '../detectors/issue-test-certificate.js';

let dir: string;
let root: TestCertificate;
let intermediate: TestCertificate;
let leaf: TestCertificate;
let releases = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-release-trust-'));
  const issue = async (name: string, order: Omit<Parameters<typeof issueTestCertificate>[0], 'dir' | 'name'>) =>
    issueTestCertificate({ dir: await mkdtemp(join(dir, `${name}-`)), name, ...order });
  root = await issue('root', { subject: '/CN=Northwind Test Root', profile: 'root', days: 3650 });
  intermediate = await issue('intermediate', {
    subject: '/CN=Northwind Test Issuing',
    profile: 'intermediate',
    issuer: root,
  });
  leaf = await issue('leaf', { subject: '/CN=dten signing', profile: 'leaf', issuer: intermediate });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** An unpacked release holding `files` (path → text), whose manifest lists `certificates`. */
async function release(files: Record<string, string>, certificates: string[]) {
  const releaseDir = join(dir, `release-${++releases}`);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(releaseDir, path)), { recursive: true });
    await writeFile(join(releaseDir, path), text);
  }
  await mkdir(releaseDir, { recursive: true });
  return { dir: releaseDir, manifest: { certificates } };
}

const CHAIN = ['certs/root.pem', 'certs/intermediate.pem', 'certs/signing.pem'];

describe("the agent's own check of a release's certificate chain against DTEN_TRUSTED_CA", () => {
  it('when the chain the manifest lists leads to a trusted root, nothing keeps its scripts from running', async () => {
    const whole = await release(
      { 'certs/root.pem': root.pem, 'certs/intermediate.pem': intermediate.pem, 'certs/signing.pem': leaf.pem },
      CHAIN,
    );
    expect(await checkReleaseTrust(whole, [root.pem], new Date())).toEqual([]);
  });

  it('when the manifest lists no certificates, the release is refused and the reason names DTEN_TRUSTED_CA', async () => {
    const unsigned = await release({ 'certs/signing.pem': leaf.pem }, []);
    expect(await checkReleaseTrust(unsigned, [root.pem], new Date())).toEqual([
      'the package carries no certificate chain (the manifest lists no "certificates"), and this agent runs only packages whose chain leads to a CA in DTEN_TRUSTED_CA',
    ]);
  });

  it('when a certificate the manifest lists is not in the package, that file is named first and the broken chain is refused', async () => {
    const gap = await release({ 'certs/root.pem': root.pem, 'certs/signing.pem': leaf.pem }, CHAIN);
    const problems = await checkReleaseTrust(gap, [root.pem], new Date());
    expect(problems[0]).toBe('certs/intermediate.pem: listed in the manifest but not in the package');
    // Without the intermediate the signing certificate leads to no trusted root either.
    expect(problems.length).toBeGreaterThan(1);
  });

  it('when a listed file holds a certificate cut short, or a private key instead of a certificate, each file is named as unparseable', async () => {
    const lines = leaf.pem.trimEnd().split('\n');
    const cut = [...lines.slice(0, 3), ...lines.slice(5)].join('\n');
    const damaged = await release(
      {
        'certs/root.pem': root.pem,
        'certs/intermediate.pem': intermediate.pem,
        'certs/signing.pem': `${cut}\n`,
        'certs/signing.key': await readFile(leaf.keyFile, 'utf8'),
      },
      [...CHAIN, 'certs/signing.key'],
    );
    const problems = await checkReleaseTrust(damaged, [root.pem], new Date());
    expect(problems).toEqual([
      'certs/signing.pem: holds a certificate that cannot be parsed',
      'certs/signing.key: holds a certificate that cannot be parsed',
    ]);
  });
});
