import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { CATEGORIES } from '../../src/core/findings/finding.js';
import { assemblePlantedSecrets } from '../../src/examples/assemble-planted-secrets.js';
import { buildExamplePackage } from '../../src/examples/build-example-package.js';
import type { PreflightReport } from '../../src/preflight/preflight-report.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';

let arrived: string;
let ready: string;
let trust: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-examples-'));
  const workDir = join(dir, 'work');
  arrived = join(dir, 'arrived', 'Full-upgrade-package-dten.zip');
  ready = join(dir, 'ready', 'Full-upgrade-package-dten.zip');
  const [built] = await Promise.all([
    buildExamplePackage({ state: 'arrived', outFile: arrived, workDir }),
    buildExamplePackage({ state: 'ready', outFile: ready, workDir }),
  ]);
  trust = join(dir, 'vendor-root-ca.pem');
  await writeFile(trust, built.rootCaPem);
});

function report(result: CliResult): PreflightReport {
  return JSON.parse(result.stdout) as PreflightReport;
}

function expectNoPlantedSecret(...outputs: string[]): void {
  const secrets = Object.values(assemblePlantedSecrets());
  for (const output of outputs) {
    // Booleans, so a failure never prints the secret itself.
    expect(secrets.map((secret) => output.includes(secret))).toEqual(secrets.map(() => false));
  }
}

describe('preflight of the package as it arrived in the ticket', () => {
  it('blocks it, and finds every kind of problem the story tells of, secrets masked in every format', async () => {
    const json = await runCli(['preflight', arrived, '--json']);
    expect(json.code).toBe(1);
    const { verdict, findings, package: pkg } = report(json);
    expect(verdict).toBe('blocked');
    expect(pkg).toMatchObject({ name: 'dten', version: '4.2.0', file: 'Full-upgrade-package-dten.zip' });
    const categories = new Set(findings.map((finding) => finding.category));
    for (const category of CATEGORIES.filter((c) => c !== 'manifest' && c !== 'archive')) {
      expect(categories, `a ${category} finding`).toContain(category);
    }
    const blockers = findings.filter((finding) => finding.severity === 'blocker');
    expect(blockers.some((f) => f.category === 'config-key' && f.message.includes('dten.hybrid.enable'))).toBe(true);
    expect(blockers.some((f) => f.category === 'config-key' && f.message.includes('dten.legacy.mode'))).toBe(true);
    expect(blockers.some((f) => f.category === 'service-unit' && f.message.includes('dten-server.service'))).toBe(true);
    expect(blockers.filter((f) => f.category === 'credential').length).toBeGreaterThanOrEqual(3);
    expect(findings.some((f) => f.category === 'reboot' && f.severity === 'warning')).toBe(true);
    // The scripts the agent does not run are named, so that someone reads them before approving.
    expect(findings.filter((f) => f.rule.endsWith('-script-not-run')).map((f) => [f.severity, f.rule, f.path])).toEqual(
      [
        ['info', 'manifest/install-script-not-run', 'manifest.json'],
        ['info', 'manifest/rollback-script-not-run', 'manifest.json'],
      ],
    );
    expect(findings.find((f) => f.rule === 'manifest/rollback-script-not-run')?.message).toContain(
      'scripts.rollback (scripts/rollback.sh) is not run',
    );

    const text = await runCli(['preflight', arrived, '--all']);
    const sarif = await runCli(['preflight', arrived, '--sarif']);
    expect([text.code, sarif.code]).toEqual([1, 1]);
    expect(text.stdout).toContain('BLOCKED');
    expectNoPlantedSecret(json.stdout, json.stderr, text.stdout, text.stderr, sarif.stdout, sarif.stderr);
  });

  it('when the vendor root is not trusted, the unfamiliar issuer is called out', async () => {
    const { findings } = report(await runCli(['preflight', arrived, '--json']));
    expect(findings.some((f) => f.category === 'certificate' && f.severity !== 'info')).toBe(true);
  });
});

describe('preflight of the package as the team ships it', () => {
  it('passes with no blocker once the vendor root is trusted', async () => {
    const result = await runCli(['preflight', ready, '--json', '--trust', trust]);
    const { verdict, counts, findings } = report(result);
    expect(
      counts.blocker,
      JSON.stringify(
        findings.filter((f) => f.severity === 'blocker'),
        null,
        1,
      ),
    ).toBe(0);
    expect(['pass', 'warnings']).toContain(verdict);
    expect(result.code).toBe(0);
  });

  it('when an inventory shows a host still on 3.9, that host is named as not upgradable', async () => {
    const inventory = join(dir, 'inventory.json');
    await writeFile(
      inventory,
      JSON.stringify({
        'web-1': { dten: '4.1.0', postgresql: '15.4' },
        'web-2': { dten: '3.9.2', postgresql: '15.4' },
      }),
    );
    const result = await runCli(['preflight', ready, '--json', '--trust', trust, '--inventory', inventory]);
    const blockers = report(result).findings.filter((f) => f.severity === 'blocker');
    expect(result.code).toBe(1);
    expect(blockers.some((f) => f.category === 'dependency' && f.message.includes('web-2'))).toBe(true);
    expect(blockers.some((f) => f.message.includes('web-1'))).toBe(false);
  });

  it('prints SARIF 2.1.0 with one result per finding, each pointing at its rule, its file in the package and its line', async () => {
    const json = report(await runCli(['preflight', ready, '--json', '--trust', trust]));
    const sarif = JSON.parse((await runCli(['preflight', ready, '--sarif', '--trust', trust])).stdout) as Log;
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    const rules = run!.tool.driver.rules ?? [];
    expect(run!.results).toHaveLength(json.findings.length);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    const levels = { blocker: 'error', warning: 'warning', info: 'note' } as const;
    for (const [i, result] of (run!.results ?? []).entries()) {
      const finding = json.findings[i]!;
      expect(rules[result.ruleIndex!]?.id).toBe(result.ruleId);
      expect(result.ruleId).toBe(finding.rule);
      expect(result.level).toBe(levels[finding.severity]);
      expect(rules[result.ruleIndex!]?.shortDescription?.text).toMatch(/^[A-Z].{20,}\.$/);
      const location = result.locations?.[0]?.physicalLocation;
      if (finding.path)
        expect(decodeURI(location?.artifactLocation?.uri ?? '')).toBe(`Full-upgrade-package-dten.zip!/${finding.path}`);
      expect(location?.region?.startLine).toBe(finding.line);
    }
  });
});
