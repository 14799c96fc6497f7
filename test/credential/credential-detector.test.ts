import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import type { TextFile } from '../../src/preflight/detector.js';
import { createCredentialDetector } from '../../src/preflight/detectors/credential/create-credential-detector.js';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';
import { DEFAULT_POLICY } from '../../src/preflight/policy.js';
import { makeSecret } from './make-secret.js';
import { PROVIDER_CASES } from './provider-cases.js';

const CONTEXT = {
  manifest: undefined,
  policy: DEFAULT_POLICY,
  options: {
    trustedCaPem: [],
    inventory: undefined,
    staleBinaryDays: 365,
    internalDomains: [],
    plannedWindowMinutes: undefined,
    now: new Date('2025-01-01T00:00:00Z'),
  },
};

function textFile(name: string, text: string, firstLine = 1): TextFile {
  const meta = {
    path: `Full-upgrade-package-dten.zip!${name}`,
    name,
    size: text.length,
    mtime: new Date('2024-12-01T00:00:00Z'),
    mode: 0o644,
    depth: 0,
  };
  return { meta, text, firstLine, isFirstSegment: firstLine === 1 };
}

async function scan(name: string, text: string, firstLine = 1): Promise<Finding[]> {
  const detector = await createCredentialDetector(CONTEXT);
  return detector.scanText?.(textFile(name, text, firstLine)) ?? [];
}

describe('the credential detector', () => {
  it('when a vendor script holds a GitHub token, the finding says what it is, where it is and what to do', async () => {
    const token = `ghp_${makeSecret('detector', 36)}`;
    const [finding] = await scan('scripts/install.sh', `#!/bin/sh\nset -e\nexport GITHUB_TOKEN=${token}\n`);

    expect(finding).toMatchObject({
      category: 'credential',
      severity: 'blocker',
      rule: 'credential/github-token',
      path: 'Full-upgrade-package-dten.zip!scripts/install.sh',
      line: 3,
    });
    expect(finding?.message).toMatch(/^A GitHub token \(ghp_…\(40 chars, masked\)\) is in this file/);
    expect(finding?.remediation).toMatch(
      /Remove it from the package, revoke and rotate it at GitHub.*environment or a secret store at install time/,
    );
    expect(finding?.evidence).toBe('export GITHUB_TOKEN=ghp_…(40 chars, masked)');
  });

  it('when every kind of secret sits in one file, none of them appears in any finding, message, evidence or JSON', async () => {
    const text = PROVIDER_CASES.map((example) => example.line).join('\n');
    const findings = await scan('etc/dten/secrets.env', text);
    const matches = findCredentials(text);
    const shown = [
      JSON.stringify(findings),
      JSON.stringify(matches),
      inspect(matches, { depth: 5 }),
      ...findings.map((f) => f.message + f.remediation),
    ];

    expect(findings).toHaveLength(PROVIDER_CASES.length);
    const leaked = PROVIDER_CASES.filter((example) => shown.some((output) => output.includes(example.secret)));
    expect(leaked.map((example) => example.name)).toEqual([]);
  });

  it('when a Stripe test key ships, it is a warning that still asks for its removal', async () => {
    const [finding] = await scan('config/billing.yaml', `stripe_key: sk_test_${makeSecret('test-mode', 24)}`);

    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('test-mode');
    expect(finding?.remediation).toContain('Remove it from the package');
  });

  it('when a README shows a password assignment it is a warning, but a real provider token in it stays a blocker', async () => {
    const text = `DB_PASSWORD=${makeSecret('readme-pw', 16)}\nSLACK_WEBHOOK=https://hooks.slack.com/services/T${makeSecret('t', 8)}/B${makeSecret('b', 10)}/${makeSecret('w', 24)}`;
    const findings = await scan('docs/README.md', text);

    expect(findings.map(({ rule, severity }) => ({ rule, severity }))).toEqual([
      { rule: 'credential/password-assignment', severity: 'warning' },
      { rule: 'credential/slack-webhook', severity: 'blocker' },
    ]);
  });

  it('when a file arrives in segments, the finding carries the line number within the whole file', async () => {
    const findings = await scan(
      'var/log/big.log',
      `one\ntwo\nredis://:${makeSecret('segment', 18)}@cache:6379\n`,
      90_001,
    );

    expect(findings.map((finding) => finding.line)).toEqual([90_003]);
  });

  it('when the package holds binary files, this detector does not read them', async () => {
    const detector = await createCredentialDetector(CONTEXT);

    expect(detector.id).toBe('credential');
    expect('scanBinary' in detector).toBe(false);
  });
});
