import { describe, it, expect } from 'vitest';
import { classifyEndpoint } from '../../src/preflight/detectors/external-endpoint/classify-endpoint.js';
import { createExternalEndpointDetector } from '../../src/preflight/detectors/external-endpoint/create-external-endpoint-detector.js';
import { runTextDetector, textFile } from './run-text-detector.js';

const INSTALL_SH = [
  '#!/bin/bash',
  '# release notes: https://docs.dten-vendor.com/upgrade/5.0',
  'curl -fsSL https://admin:SuperSecretPassw0rd@updates.dten-vendor.com/v5/feed.json -o /tmp/feed.json',
  'curl -fsSL https://updates.dten-vendor.com/v5/checksums',
  'git clone git@github.com:dten/plugins.git /opt/dten/plugins',
  'aws s3 cp s3://dten-artifacts/5.0/server.tgz /tmp/',
  'ping -c1 10.20.30.40',
  'curl http://localhost:8080/health http://127.0.0.1:9000/ http://[::1]:9000/',
  'wget ftp://mirror.corp/pub/dten.tgz',
].join('\n');

async function scan(files: Record<string, string>, internalDomains: string[] = []) {
  return runTextDetector(createExternalEndpointDetector, files, { options: { internalDomains } });
}

describe('external-endpoint detector', () => {
  it('when an install script downloads from the vendor, the host is a warning with the firewall advice', async () => {
    const findings = await scan({ 'scripts/install.sh': INSTALL_SH });
    const vendor = findings.find((finding) => finding.message.includes('updates.dten-vendor.com'));
    expect(vendor).toMatchObject({ severity: 'warning', rule: 'external-endpoint/external', line: 3 });
    expect(vendor?.remediation).toBe(
      'Allow updates.dten-vendor.com through the firewall for the maintenance window, or redirect it to an internal mirror.',
    );
  });

  it('when the same host appears twice in a file, it is reported once at its first line with the rest counted', async () => {
    const findings = await scan({ 'scripts/install.sh': INSTALL_SH });
    const vendor = findings.filter((finding) => finding.message.includes('updates.dten-vendor.com'));
    expect(vendor).toHaveLength(1);
    expect(vendor[0]?.message).toContain('1 more mention in this file');
  });

  it('when a URL carries user:password, the password is masked in the message and evidence', async () => {
    const findings = await scan({ 'scripts/install.sh': INSTALL_SH });
    expect(JSON.stringify(findings)).not.toContain('SuperSecretPassw0rd');
    expect(findings.find((finding) => finding.line === 3)?.evidence).toBe(
      'https://admin:Supe…(19 chars, masked)@updates.dten-vendor.com/v5/feed.json',
    );
  });

  it('when endpoints are loopback, private or internal, loopback is dropped and the others are info', async () => {
    const findings = await scan({ 'scripts/install.sh': INSTALL_SH });
    const bySeverity = findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.line}`).sort();
    expect(bySeverity).toEqual([
      'info external-endpoint/documented 2',
      'info external-endpoint/internal-host 9',
      'info external-endpoint/private-address 7',
      'warning external-endpoint/external 3',
      'warning external-endpoint/external 5',
      'warning external-endpoint/external 6',
    ]);
    expect(findings.find((finding) => finding.line === 2)?.message).toContain(
      'A comment mentions docs.dten-vendor.com',
    );
    expect(findings.find((finding) => finding.line === 6)?.message).toContain('s3://dten-artifacts');
  });

  it('when a config names hosts in settings, bare host names count and file names do not', async () => {
    const conf =
      '[upstream]\nhost = api.dten-vendor.io\nproxy_server: proxy.acme.net:3128\nlog_file = dten.log\nlisten = 0.0.0.0\n';
    const findings = await scan({ 'config/dten.conf': conf }, ['acme.net']);
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([
      ['external-endpoint/external', 2],
      ['external-endpoint/internal-host', 3],
    ]);
  });

  it('when version numbers look like addresses, they are not endpoints', async () => {
    const text =
      'VERSION=5.0.1.2\n"dten_version": "4.9.0.17",\necho "installing dten-5.0.1.2"\nnetmask = 255.255.255.0\n';
    expect(await scan({ 'scripts/versions.sh': text })).toEqual([]);
  });

  it('when XML namespaces, JSON schema ids and licence URLs appear, they are not endpoints', async () => {
    const xml =
      '<beans xmlns="http://www.springframework.org/schema/beans" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
      '  <!-- Licensed under http://www.apache.org/licenses/LICENSE-2.0 -->\n' +
      '  <telemetry url="https://telemetry.dten-vendor.com/ingest"/>\n</beans>\n';
    const json = '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "id": "https://json-schema.org/x"\n}\n';
    const findings = await scan({ 'config/app.xml': xml, 'config/settings.schema.json': json });
    expect(findings.map((finding) => `${finding.path}:${finding.line}`)).toEqual(['config/app.xml:3']);
  });

  it('when documentation names an external host, it is only info and private addresses in it are left out', async () => {
    const findings = await scan({
      'README.md': 'Download from https://downloads.dten-vendor.com/ or from our lab mirror at 10.0.0.5.\n',
      'docs/install.txt': 'See http://www.example.com/ for the template.\n',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'info',
      rule: 'external-endpoint/documented',
      path: 'README.md',
      line: 1,
    });
  });

  it('when a script points at example.com or a documentation address, it is flagged as a placeholder, at most info', async () => {
    const findings = await scan({ 'scripts/post.sh': 'API=https://api.example.com/v1\nnc 203.0.113.9 443\n' });
    expect(findings.map((finding) => [finding.severity, finding.rule])).toEqual([
      ['info', 'external-endpoint/placeholder'],
      ['info', 'external-endpoint/placeholder'],
    ]);
    expect(findings[0]?.message).toContain('api.example.com is a reserved example domain (RFC 2606)');
  });

  it('when a large file arrives in segments, the same host in two segments is still one finding at its first line', async () => {
    const findings = await runTextDetector(createExternalEndpointDetector, [
      textFile('scripts/big.sh', 'echo start\ncurl https://cdn.dten-vendor.com/a\n', 1),
      textFile('scripts/big.sh', 'curl https://cdn.dten-vendor.com/b\n', 5001),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2 });
    expect(findings[0]?.message).toContain('1 more mention in this file');
  });

  it('when a URL is a template such as https://${HOST}/, no host is invented', async () => {
    expect(await scan({ 'scripts/t.sh': 'curl "https://${DTEN_HOST}/api"\n' })).toEqual([]);
  });

  it('when addresses are IPv6, carrier-grade NAT or link-local, or hosts sit under an internal suffix, they are classed as a firewall sees them', () => {
    expect(classifyEndpoint('fd12:3456::1', [])).toBe('private');
    expect(classifyEndpoint('fe80::1', [])).toBe('private');
    expect(classifyEndpoint('2606:4700:4700::1111', [])).toBe('external');
    expect(classifyEndpoint('100.64.3.2', [])).toBe('private');
    expect(classifyEndpoint('169.254.169.254', [])).toBe('private');
    expect(classifyEndpoint('db.acme.net', ['.acme.net'])).toBe('internal');
    expect(classifyEndpoint('acme.net.evil.com', ['acme.net'])).toBe('external');
    expect(classifyEndpoint('build.local', [])).toBe('internal');
    expect(classifyEndpoint('db', [])).toBe('internal');
  });

  it('when the policy lists an internal domain, hosts under it are info, not warnings', async () => {
    const findings = await runTextDetector(
      createExternalEndpointDetector,
      { 'config/dten.yaml': 'registry: registry.acme-corp.io\n' },
      { policy: { config: [], internalDomains: ['acme-corp.io'], accept: [] } },
    );
    expect(findings.map((finding) => finding.severity)).toEqual(['info']);
  });
});

describe('reserved names', () => {
  it('when a script names a host under .example, .test or .invalid, it is a placeholder reported as info, not a firewall change', async () => {
    const findings = await runTextDetector(createExternalEndpointDetector, {
      'scripts/install.sh':
        'curl https://api.vendor.example/v1\ncurl https://ci.build.test/x\ncurl https://nowhere.invalid/\n',
    });
    expect(findings).toHaveLength(3);
    expect(findings.every((finding) => finding.severity === 'info')).toBe(true);
  });
});
