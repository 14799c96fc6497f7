import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Finding } from '../../src/core/findings/finding.js';
import { DEFAULT_POLICY } from '../../src/preflight/policy.js';
import { runConfiguredPreflight } from '../../src/preflight/run-configured-preflight.js';
import { buildYazlZip, writeTempFile } from '../archive/build-yazl-zip.js';
import { buildRawZip } from '../helpers/raw-zip.js';

const manifest = {
  name: 'dten',
  version: '4.2.0',
  buildDate: '2026-11-01T00:00:00Z',
  upgradeFrom: '>=4.0.0 <4.2.0',
  reboot: 'none',
  downtime: '5m',
};
// Built from parts, so no scanner flags this file for holding a token.
const TOKEN = ['ghp', '_', 'R8x2Kq9LmZ4vT7nB1cW5yH3jD6fS0aP2eU8i'].join('');
const leaky = (name: string) => ({ name, content: `#!/bin/sh\nexport GITHUB_TOKEN=${TOKEN}\n` });

/** The package: a manifest and `vendor/tools.zip`, whose bytes the test builds. */
async function preflightWith(nested: Buffer, env: Record<string, string> = {}) {
  const zip = await writeTempFile(
    'package.zip',
    await buildYazlZip([
      { name: 'manifest.json', content: JSON.stringify(manifest) },
      { name: 'vendor/tools.zip', content: nested },
    ]),
  );
  const report = await runConfiguredPreflight(zip, loadConfig(env), pino({ level: 'silent' }), {
    trustedCaPem: [],
    policy: DEFAULT_POLICY,
    inventory: undefined,
    windowMinutes: undefined,
    now: new Date('2026-11-29T12:00:00Z'),
  });
  const find = (rule: string): Finding | undefined => report.findings.find((finding) => finding.rule === rule);
  const credentials = report.findings.filter((finding) => finding.category === 'credential').map((f) => f.path);
  expect(JSON.stringify(report)).not.toContain(TOKEN);
  return { report, find, credentials };
}

describe('archives inside the package', () => {
  it('are opened level by level and reported as outer!inner paths', async () => {
    const deepest = await buildYazlZip([leaky('bin/run.sh')]);
    const middle = await buildYazlZip([leaky('deploy.sh'), { name: 'more/inner.zip', content: deepest }]);
    const { credentials } = await preflightWith(middle);
    expect(credentials.sort()).toEqual(['vendor/tools.zip!deploy.sh', 'vendor/tools.zip!more/inner.zip!bin/run.sh']);
  });

  it('beyond DTEN_MAX_NESTED_DEPTH are left closed with a warning that says so, and what is above them is still scanned', async () => {
    const deepest = await buildYazlZip([leaky('bin/run.sh')]);
    const middle = await buildYazlZip([leaky('deploy.sh'), { name: 'inner.zip', content: deepest }]);
    const { find, credentials } = await preflightWith(middle, { DTEN_MAX_NESTED_DEPTH: '1' });
    expect(credentials).toEqual(['vendor/tools.zip!deploy.sh']);
    expect(find('archive/nested-too-deep')).toMatchObject({ severity: 'warning', path: 'vendor/tools.zip!inner.zip' });
    expect(find('archive/nested-too-deep')?.remediation).toContain('DTEN_MAX_NESTED_DEPTH');
  });

  it('larger than DTEN_MAX_NESTED_BYTES are not opened, with a warning to unpack and check them separately', async () => {
    const big = await buildYazlZip([leaky('deploy.sh'), { name: 'blob.bin', content: randomBytes(64 * 1024) }]);
    const { find, credentials } = await preflightWith(big, { DTEN_MAX_NESTED_BYTES: String(16 * 1024) });
    expect(credentials).toEqual([]);
    expect(find('archive/nested-too-large')).toMatchObject({ severity: 'warning', path: 'vendor/tools.zip' });
  });

  it('that cannot be read safely are a blocker of their own; the rest of the package is still reported', async () => {
    // A nested archive whose entry's bytes do not match its CRC-32: forged or damaged.
    const forged = buildRawZip([{ name: 'deploy.sh', content: 'echo hi\n', crc32: 0x1234 }]);
    const { report, find } = await preflightWith(forged);
    expect(find('archive/nested-crc-mismatch')).toMatchObject({ severity: 'blocker', path: 'vendor/tools.zip' });
    expect(report.verdict).toBe('blocked');
    expect(report.package.version).toBe('4.2.0');
  });

  it('with a path that climbs out are refused whole, naming the entry; lesser hazards are reported under the outer path', async () => {
    const climbing = buildRawZip([{ name: '../../etc/cron.d/evil', content: '* * * * * root /tmp/x\n' }]);
    const refused = await preflightWith(climbing);
    const unsafe = refused.find('archive/nested-unsafe-path');
    expect(unsafe).toMatchObject({ severity: 'blocker', path: 'vendor/tools.zip' });
    expect(unsafe?.message).toContain('`../../etc/cron.d/evil` would be written outside the install folder');

    const hazards = buildRawZip([
      { name: 'run.sh', content: 'echo ok\n' },
      { name: 'RUN.sh', content: 'echo other\n' },
      { name: 'link', content: '/etc/shadow', unixMode: 0o120777 },
    ]);
    const { report } = await preflightWith(hazards);
    const archive = report.findings.filter((finding) => finding.category === 'archive');
    expect(archive.map(({ rule, path }) => ({ rule, path }))).toEqual(
      expect.arrayContaining([
        { rule: 'archive/case-collision', path: 'vendor/tools.zip!RUN.sh' },
        { rule: 'archive/symlink', path: 'vendor/tools.zip!link' },
      ]),
    );
  });
});
