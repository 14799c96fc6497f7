import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createDependencyDetector } from '../../src/preflight/detectors/dependency/create-dependency-detector.js';
import { buildTestManifest } from './build-test-manifest.js';
import { runTextDetector } from './run-text-detector.js';

type Inventory = Record<string, Record<string, string>>;

/** Every host also records the product, on a version it can upgrade from, unless the test says otherwise. */
async function check(extra: Record<string, unknown>, hosts?: Inventory): Promise<Finding[]> {
  const manifest = buildTestManifest(extra);
  const inventory =
    hosts &&
    Object.fromEntries(Object.entries(hosts).map(([host, components]) => [host, { dten: '4.1.0', ...components }]));
  const text = JSON.stringify(manifest, null, 2);
  return runTextDetector(createDependencyDetector, { 'manifest.json': text }, { manifest, options: { inventory } });
}
const summary = (findings: Finding[]): string[] => findings.map((f) => `${f.severity} ${f.rule}`).sort();
const find = (findings: Finding[], rule: string): Finding | undefined => findings.find((f) => f.rule === rule);

describe('dependency detector: ranges in the manifest', () => {
  it('when the manifest allows "*", "latest", ">=1.1" or nothing, each is a loose-range warning saying what it lets through', async () => {
    const findings = await check({
      dependencies: { postgresql: '*', 'dten-agent': 'latest', openssl: '>=1.1', redis: '', nginx: 'x' },
    });
    expect(summary(findings)).toEqual(Array(5).fill('warning dependency/loose-range'));
    const byComponent = (name: string): string =>
      findings.find((f) => f.message.includes(`lets ${name} be`))?.message ?? '';
    expect(byComponent('postgresql')).toContain('be any version at all ("*")');
    expect(byComponent('dten-agent')).toContain('whatever version the tag "latest" points to');
    expect(byComponent('openssl')).toContain('any version from 1.1.0 up, including future major versions');
    expect(byComponent('redis')).toContain('any version at all ("")');
    expect(findings.every((f) => f.path === 'manifest.json' && f.line !== undefined)).toBe(true);
  });

  it('when every range has an upper bound (^, ~, x-ranges, hyphen ranges, exact versions), nothing is reported', async () => {
    const findings = await check({
      dependencies: { a: '>=13 <17', b: '^3.0.2', c: '~1.2', d: '4.x', e: '1.2.3 - 2.0.0', f: '=1.2.3' },
    });
    expect(findings).toEqual([]);
  });

  it('when a range cannot be read as semver, it is a manifest warning on its line, and no host is checked against it', async () => {
    const findings = await check(
      { dependencies: { postgresql: '>=13 <17', openssl: '>>1.1.1.4' } },
      { 'db-1': { openssl: '1.0.2', postgresql: '16.2' } },
    );
    expect(summary(findings)).toEqual(['warning manifest/invalid-dependency-range']);
    const finding = find(findings, 'manifest/invalid-dependency-range');
    expect(finding?.category).toBe('manifest');
    expect(finding?.message).toContain('openssl the range ">>1.1.1.4"');
    expect(finding?.line).toBe(
      JSON.stringify(buildTestManifest({ dependencies: { postgresql: '>=13 <17', openssl: '>>1.1.1.4' } }), null, 2)
        .split('\n')
        .findIndex((l) => l.includes('"openssl"')) + 1,
    );
  });
});

describe('dependency detector: the inventory', () => {
  it('when hosts run a dependency outside its range, one blocker names them grouped by version, at most ten names', async () => {
    const inventory: Inventory = { 'db-01': { postgresql: '16.2' } };
    for (let i = 2; i <= 13; i++)
      inventory[`db-${String(i).padStart(2, '0')}`] = { postgresql: i <= 4 ? '11.9' : '12.4' };
    const findings = await check({ dependencies: { postgresql: '>=13 <17' } }, inventory);
    expect(summary(findings)).toEqual(['blocker dependency/unsatisfied']);
    const message = find(findings, 'dependency/unsatisfied')?.message;
    expect(message).toContain('12 hosts run postgresql outside the range this package needs (">=13 <17")');
    expect(message).toContain('12.4 (read as 12.4.0) on db-05, db-06, db-07, db-08, db-09, db-10, db-11, db-12, db-13');
    expect(message).toContain('11.9 (read as 11.9.0) on db-02 and 2 more');
    expect(message).not.toContain('db-01');
  });

  it('when a host lacks the component or reports a version that is not one, each is a warning naming the hosts', async () => {
    const inventory = { 'app-1': { postgresql: '16.1.0' }, 'app-2': {}, 'app-3': { postgresql: 'unknown' } };
    const findings = await check({ dependencies: { postgresql: '>=13 <17' } }, inventory);
    expect(summary(findings)).toEqual(['warning dependency/not-installed', 'warning dependency/unreadable-version']);
    expect(find(findings, 'dependency/not-installed')?.message).toContain('1 host in the inventory');
    expect(find(findings, 'dependency/not-installed')?.message).toContain(': app-2.');
    expect(find(findings, 'dependency/unreadable-version')?.message).toContain('unknown on app-3');
  });

  it('when a loose range meets an inventory, the warning says what production runs so the range can be pinned', async () => {
    const inventory = {
      'db-1': { postgresql: '16.2' },
      'db-2': { postgresql: '16.2' },
      'db-3': { postgresql: 'v15.6' },
    };
    const findings = await check({ dependencies: { postgresql: '*' } }, inventory);
    expect(summary(findings)).toEqual(['warning dependency/loose-range']);
    expect(find(findings, 'dependency/loose-range')?.message).toContain(
      'Production runs 16.2 (read as 16.2.0) on db-1, db-2; v15.6 (read as 15.6.0) on db-3.',
    );
  });

  it('when the product on a host is outside upgradeFrom it is a blocker, a newer one is called a downgrade, and hosts already on the version are info', async () => {
    const inventory = {
      'app-1': { dten: '4.1.0' },
      'app-2': { dten: 'v4.1' },
      'app-3': { dten: '4.1.0-build7' },
      'app-4': { dten: '3.9.2' },
      'app-5': { dten: '4.2.0' },
      'app-6': { dten: '4.3.1' },
      'app-7': { dten: '' },
    };
    const findings = await check({}, inventory);
    expect(findings.find((f) => f.message.includes('app-7'))?.rule).toBe('dependency/product-version-unknown');
    expect(summary(findings)).toEqual([
      'blocker dependency/upgrade-path',
      'info dependency/already-current',
      'warning dependency/product-version-unknown',
    ]);
    const blocker = find(findings, 'dependency/upgrade-path')?.message ?? '';
    expect(blocker).toContain('2 hosts run dten versions this package cannot upgrade from (it needs ">=4.0.0 <4.2.0")');
    expect(blocker).toContain('3.9.2 on app-4');
    expect(blocker).toContain('app-6 already runs a newer version, so installing would downgrade it');
    expect(blocker).not.toMatch(/app-[1235]/);
    expect(find(findings, 'dependency/already-current')?.message).toContain('1 host already runs dten 4.2.0: app-5');
    expect(find(findings, 'dependency/product-version-unknown')?.message).toContain('app-7 ("")');
    expect(find(findings, 'dependency/upgrade-path')?.line).toBeGreaterThan(1);
  });

  it('when no host of the inventory records the product, one warning says upgradeFrom was not checked', async () => {
    const findings = await runTextDetector(
      createDependencyDetector,
      {},
      { manifest: buildTestManifest(), options: { inventory: { 'db-1': { postgresql: '16.2' }, 'db-2': {} } } },
    );
    expect(summary(findings)).toEqual(['warning dependency/product-version-unknown']);
    expect(findings[0]?.message).toBe(
      'The inventory records no dten version for any of its 2 hosts, so none was checked against ">=4.0.0 <4.2.0".',
    );
  });

  it('when upgradeFrom itself is not a range, it is a manifest warning and no host is judged by it', async () => {
    const findings = await check({ upgradeFrom: 'previous' }, { 'app-1': { dten: '1.0.0' } });
    expect(summary(findings)).toEqual(['warning manifest/invalid-dependency-range']);
    expect(findings[0]?.message).toContain('upgradeFrom the range "previous"');
  });
});
