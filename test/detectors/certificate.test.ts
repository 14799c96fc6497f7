import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createCertificateDetector } from '../../src/preflight/detectors/certificate/create-certificate-detector.js';
import { buildTestManifest } from './build-test-manifest.js';
import { issueTestCertificate, type CertificateOrder, type TestCertificate } from './issue-test-certificate.js';
import { binaryFile, runDetectorFiles, type FixtureFiles } from './run-detector-files.js';
import { textFile, type FixtureRun } from './run-text-detector.js';

const DAY_MS = 86_400_000;
let dir: string;
const certs: Record<string, TestCertificate> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-certs-'));
  const issue = async (name: string, order: Omit<CertificateOrder, 'dir' | 'name'>): Promise<TestCertificate> =>
    (certs[name] = await issueTestCertificate({ dir, name, ...order }));
  const root = await issue('root', { subject: '/O=Northwind/CN=Northwind Root', profile: 'root', days: 3650 });
  const intermediate = await issue('intermediate', {
    subject: '/O=Northwind/CN=Northwind Issuing CA',
    profile: 'intermediate',
    issuer: root,
    days: 1825,
  });
  await issue('leaf', {
    subject: '/O=Northwind/CN=dten release signing',
    profile: 'leaf',
    issuer: intermediate,
    days: 365,
  });
  await issue('otherRoot', { subject: '/O=Contoso/CN=Contoso Root', profile: 'root', days: 3650 });
  await issue('selfSigned', { subject: '/CN=dten.internal', profile: 'leaf', days: 365 });
  await issue('weakKey', { subject: '/CN=legacy agent', profile: 'leaf', issuer: intermediate, key: 'rsa1024' });
  await issue('sha1Leaf', {
    subject: '/CN=sha1 leaf',
    profile: 'leaf',
    issuer: intermediate,
    key: 'rsa2048',
    digest: 'sha1',
  });
  await issue('sha1Root', {
    subject: '/CN=Old SHA1 Root',
    profile: 'root',
    key: 'rsa2048',
    digest: 'sha1',
    days: 3650,
  });
  const orphanRoot = await issue('orphanRoot', { subject: '/CN=Partner Root', profile: 'root', days: 3650 });
  const orphanCa = await issue('orphanCa', {
    subject: '/CN=Partner Release CA 7',
    profile: 'intermediate',
    issuer: orphanRoot,
  });
  await issue('orphanLeaf', { subject: '/CN=partner signed', profile: 'leaf', issuer: orphanCa });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const pem = (name: string): string => certs[name]!.pem;
const fingerprintOf = (name: string): string => new X509Certificate(pem(name)).fingerprint256;

function scan(texts: Record<string, string>, run: FixtureRun = {}, extra: FixtureFiles = {}): Promise<Finding[]> {
  const files = { ...extra, texts: Object.entries(texts).map(([path, text]) => textFile(path, text)) };
  return runDetectorFiles(createCertificateDetector, files, run);
}
const rules = (findings: Finding[]): string[] =>
  findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.severity} ${f.rule} ${f.path}`)
    .sort();
const byRule = (findings: Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);
const chainFiles = (): Record<string, string> => ({
  'certs/root.pem': pem('root'),
  'certs/intermediate.pem': pem('intermediate'),
  'certs/leaf.pem': pem('leaf'),
});
const trustRoot = (): FixtureRun => ({ options: { trustedCaPem: [pem('root')] } });
const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY_MS);

describe('certificate detector: chains and trust', () => {
  it('when root, intermediate and leaf sit in separate files and the root is trusted, the only finding lists them root first with fingerprints', async () => {
    const findings = await scan(chainFiles(), trustRoot());
    expect(rules(findings)).toEqual([]);
    const [order] = byRule(findings, 'certificate/chain-order');
    expect(order?.severity).toBe('info');
    const message = order?.message ?? '';
    const positions = ['Northwind Root', 'Northwind Issuing CA', 'dten release signing'].map((cn) =>
      message.indexOf(`CN=${cn}`),
    );
    expect(positions.every((at, index) => at >= 0 && (index === 0 || at > positions[index - 1]!))).toBe(true);
    for (const name of ['root', 'intermediate', 'leaf']) expect(message).toContain(fingerprintOf(name));
    expect(message).toMatch(/\[certs\/root\.pem\], self-signed, valid \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    expect(message).toContain('issued by O=Northwind, CN=Northwind Root');
  });

  it('when the bundle is one PEM file in leaf-first order, the listing still starts at the root and names each line', async () => {
    const bundle = `# vendor bundle\n${pem('leaf')}${pem('intermediate')}${pem('root')}`;
    const findings = await scan({ 'certs/bundle.pem': bundle }, trustRoot());
    const message = byRule(findings, 'certificate/chain-order')[0]?.message ?? '';
    const lineCount = (name: string): number => pem(name).split('\n').length - 1;
    const rootLine = 2 + lineCount('leaf') + lineCount('intermediate');
    expect(message).toContain(`1) O=Northwind, CN=Northwind Root [certs/bundle.pem:${rootLine}]`);
    expect(message).toContain('3) O=Northwind, CN=dten release signing [certs/bundle.pem:2]');
    expect(rules(findings)).toEqual([]);
  });

  it('when only the intermediate and leaf ship and the trusted root issued the intermediate, the chain counts as trusted', async () => {
    const findings = await scan(
      { 'certs/intermediate.pem': pem('intermediate'), 'certs/leaf.pem': pem('leaf') },
      trustRoot(),
    );
    expect(rules(findings)).toEqual([]);
    expect(byRule(findings, 'certificate/chain-order')[0]?.message).toMatch(/^The package carries 2 certificate/);
  });

  it('when no trusted CA is configured, the unfamiliar root is a warning that says to pass --trust or set DTEN_TRUSTED_CA', async () => {
    const findings = await scan(chainFiles());
    expect(rules(findings)).toEqual(['warning certificate/untrusted-issuer certs/root.pem']);
    const [finding] = byRule(findings, 'certificate/untrusted-issuer');
    expect(finding?.message).toContain('"Northwind Issuing CA", "dten release signing" ends at "Northwind Root"');
    expect(finding?.remediation).toContain('--trust <ca.pem>');
    expect(finding?.remediation).toContain('DTEN_TRUSTED_CA');
    expect(finding?.remediation).toContain(fingerprintOf('root'));
  });

  it('when a trusted set is configured and the chain ends at a root outside it, the unknown issuer is a blocker', async () => {
    const findings = await scan(chainFiles(), {
      options: { trustedCaPem: [`${pem('otherRoot')}\n${pem('sha1Root')}`] },
    });
    expect(rules(findings)).toEqual(['blocker certificate/untrusted-issuer certs/root.pem']);
    expect(byRule(findings, 'certificate/untrusted-issuer')[0]?.message).toContain(
      'not among the 2 trusted CA certificate(s)',
    );
  });

  it('when a self-signed end certificate ships, it is a warning without a trusted set and a blocker with one', async () => {
    const alone = await scan({ 'conf/tls.crt': pem('selfSigned') });
    expect(rules(alone)).toEqual(['warning certificate/self-signed conf/tls.crt']);
    expect(byRule(alone, 'certificate/self-signed')[0]?.message).toContain(
      '"dten.internal" is a self-signed end certificate',
    );
    const checked = await scan({ 'conf/tls.crt': pem('selfSigned') }, trustRoot());
    expect(rules(checked)).toEqual(['blocker certificate/self-signed conf/tls.crt']);
    const pinned = await scan(
      { 'conf/tls.crt': pem('selfSigned') },
      { options: { trustedCaPem: [pem('selfSigned')] } },
    );
    expect(rules(pinned)).toEqual([]);
  });

  it('when the intermediate is missing, the leaf is a broken chain that names the missing issuer', async () => {
    const findings = await scan({ 'certs/root.pem': pem('root'), 'certs/leaf.pem': pem('leaf') }, trustRoot());
    expect(rules(findings)).toEqual(['blocker certificate/broken-chain certs/leaf.pem']);
    expect(byRule(findings, 'certificate/broken-chain')[0]?.message).toContain(
      'issued by "Northwind Issuing CA", which is neither in the package nor among the trusted CAs',
    );
  });

  it('when a leaf was altered after signing, its signature does not verify and the chain is broken', async () => {
    const der = Buffer.from(certs.leaf!.der);
    const at = der.indexOf('dten release signing');
    der.write('dten release s1gning', at, 'latin1');
    const findings = await scan(
      { 'certs/root.pem': pem('root'), 'certs/intermediate.pem': pem('intermediate') },
      trustRoot(),
      {
        binaries: [binaryFile('certs/leaf.der', der)],
      },
    );
    expect(rules(findings)).toEqual(['blocker certificate/broken-chain certs/leaf.der']);
    expect(byRule(findings, 'certificate/broken-chain')[0]?.message).toContain('signature does not verify');
  });

  it('when one file holds several untrusted roots, like a CA bundle, it is one finding for the file rather than one per root', async () => {
    const bundle = ['root', 'otherRoot', 'sha1Root', 'orphanRoot'].map(pem).join('');
    const findings = await scan({ 'etc/ca-bundle.pem': bundle });
    expect(rules(findings)).toEqual([
      'warning certificate/untrusted-issuer etc/ca-bundle.pem',
      'warning certificate/weak-signature etc/ca-bundle.pem',
    ]);
    expect(byRule(findings, 'certificate/untrusted-issuer')[0]?.message).toContain(
      'This file holds 4 root certificates, like a CA bundle',
    );
  });

  it('when a partner chain ends at a root nobody trusts, one finding covers the whole chain', async () => {
    const findings = await scan(
      { 'certs/partner.pem': `${pem('orphanLeaf')}${pem('orphanCa')}${pem('orphanRoot')}` },
      trustRoot(),
    );
    expect(rules(findings)).toEqual(['blocker certificate/untrusted-issuer certs/partner.pem']);
  });
});

describe('certificate detector: validity, keys and signatures', () => {
  it('when "now" is past the leaf end date it is expired, before its start it is not yet valid, ten days before its end it expires soon', async () => {
    const expired = await scan(chainFiles(), { options: { ...trustRoot().options, now: daysFromNow(400) } });
    expect(rules(expired)).toEqual(['blocker certificate/expired certs/leaf.pem']);
    expect(byRule(expired, 'certificate/expired')[0]?.message).toMatch(
      /"dten release signing" expired on \d{4}-\d{2}-\d{2} \(3[45] days ago\)/,
    );
    const early = await scan(chainFiles(), { options: { ...trustRoot().options, now: daysFromNow(-2) } });
    expect(rules(early)).toEqual(
      ['certificate/not-yet-valid', 'certificate/not-yet-valid', 'certificate/not-yet-valid'].map(
        (rule, index) => `blocker ${rule} certs/${['intermediate', 'leaf', 'root'][index]}.pem`,
      ),
    );
    const soon = await scan(chainFiles(), { options: { ...trustRoot().options, now: daysFromNow(355) } });
    expect(rules(soon)).toEqual(['warning certificate/expiring-soon certs/leaf.pem']);
    expect(byRule(soon, 'certificate/expiring-soon')[0]?.message).toMatch(/in (9|10) days/);
  });

  it('when a leaf has an RSA-1024 key, it is a weak-key blocker that says how large the key is', async () => {
    const findings = await scan({ ...chainFiles(), 'certs/agent.pem': pem('weakKey') }, trustRoot());
    expect(rules(findings)).toEqual(['blocker certificate/weak-key certs/agent.pem']);
    expect(byRule(findings, 'certificate/weak-key')[0]?.message).toContain('RSA 1024-bit');
  });

  it('when a leaf is signed with SHA-1 it is a blocker, and a root that signs itself with SHA-1 is a warning', async () => {
    const leaf = await scan({ ...chainFiles(), 'certs/old.pem': pem('sha1Leaf') }, trustRoot());
    expect(rules(leaf)).toEqual(['blocker certificate/weak-signature certs/old.pem']);
    expect(byRule(leaf, 'certificate/weak-signature')[0]?.message).toContain('ECDSA with SHA-1');
    const root = await scan(
      { 'certs/old-root.pem': pem('sha1Root') },
      { options: { trustedCaPem: [pem('sha1Root')] } },
    );
    expect(rules(root)).toEqual(['warning certificate/weak-signature certs/old-root.pem']);
  });
});

describe('certificate detector: files and the manifest', () => {
  it('when the root comes as a DER .crt file, it is read like its PEM and completes the chain', async () => {
    const findings = await scan(
      { 'certs/intermediate.pem': pem('intermediate'), 'certs/leaf.pem': pem('leaf') },
      trustRoot(),
      {
        binaries: [binaryFile('certs/root.crt', certs.root!.der)],
      },
    );
    expect(rules(findings)).toEqual([]);
    expect(byRule(findings, 'certificate/chain-order')[0]?.message).toContain(
      '1) O=Northwind, CN=Northwind Root [certs/root.crt]',
    );
  });

  it('when the manifest lists a certificate the package lacks, or a file that holds none, each is a blocker', async () => {
    const manifest = buildTestManifest({
      certificates: ['certs/root.pem', './certs/intermediate.pem', 'certs/leaf.pem', 'certs/readme.pem'],
    });
    const findings = await scan(
      { 'certs/root.pem': pem('root'), 'certs/leaf.pem': pem('leaf'), 'certs/readme.pem': 'see the wiki\n' },
      { manifest, ...trustRoot() },
    );
    expect(rules(findings)).toEqual([
      'blocker certificate/broken-chain certs/leaf.pem',
      'blocker certificate/missing certs/intermediate.pem',
      'blocker certificate/not-a-certificate certs/readme.pem',
    ]);
  });

  it('when a file holds a private key and a damaged certificate block, the key is left alone and the block is unreadable', async () => {
    const [begin, first, second] = pem('leaf').split('\n');
    const damaged = [begin, first, second, '-----END CERTIFICATE-----'].join('\n');
    const key =
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----';
    const text = `${key}\n${damaged}\n`;
    const findings = await scan({ 'conf/server.pem': text });
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.path}:${f.line}`)).toEqual([
      'warning certificate/unreadable conf/server.pem:4',
    ]);
  });
});
