import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createRebootDetector } from '../../src/preflight/detectors/reboot/create-reboot-detector.js';
import { buildTestManifest } from './build-test-manifest.js';
import { runTextDetector } from './run-text-detector.js';

async function check(extra: Record<string, unknown>, plannedWindowMinutes?: number): Promise<Finding[]> {
  const manifest = buildTestManifest(extra);
  const text = JSON.stringify(manifest, null, 2);
  return runTextDetector(
    createRebootDetector,
    { 'manifest.json': text },
    { manifest, options: { plannedWindowMinutes } },
  );
}
const summary = (findings: Finding[]): string[] => findings.map((f) => `${f.severity} ${f.rule}`).sort();

describe('reboot detector', () => {
  it('when the reboot is only "recommended", the warning explains the ambiguity and says to plan it inside the window', async () => {
    const findings = await check({ reboot: 'recommended', downtime: '5m' });
    expect(summary(findings)).toEqual(['warning reboot/recommended']);
    expect(findings[0]?.message).toContain('did not test the upgrade without one');
    expect(findings[0]?.remediation).toContain('Plan the reboot inside the window and add its time to the downtime');
    const rebootLine =
      JSON.stringify(buildTestManifest({ reboot: 'recommended' }), null, 2)
        .split('\n')
        .findIndex((line) => line.includes('"reboot"')) + 1;
    expect(findings[0]).toMatchObject({ path: 'manifest.json', line: rebootLine });
  });

  it('when the reboot is required, the plan is told to include it; when it is none, nothing is said', async () => {
    expect(summary(await check({ reboot: 'required' }))).toEqual(['info reboot/required']);
    expect(await check({ reboot: 'none', downtime: 'PT5M' })).toEqual([]);
  });

  it('when a 30-minute window must hold 5 minutes of downtime, a 10-minute reboot and the rollback, it fits with 5 minutes to spare', async () => {
    const findings = await check({ reboot: 'recommended', downtime: '5 minutes' }, 30);
    expect(summary(findings)).toEqual(['info reboot/window-fits', 'warning reboot/recommended']);
    const fits = findings.find((f) => f.rule === 'reboot/window-fits');
    expect(fits?.message).toBe(
      "The 30m window holds the vendor's 5m of downtime + 10m for the recommended reboot + 10m kept for a rollback = 25m, with 5m to spare.",
    );
  });

  it('when the claim plus reboot and rollback does not fit the window, it is a blocker that says how long the window must be', async () => {
    const findings = await check({ reboot: 'required', downtime: 'PT1H30M' }, 120);
    expect(summary(findings)).toEqual(['blocker reboot/window-too-short', 'info reboot/required']);
    const blocker = findings.find((f) => f.rule === 'reboot/window-too-short');
    expect(blocker?.message).toContain('The 2h window is too short');
    expect(blocker?.message).toContain('= 3h 10m');
    expect(blocker?.remediation).toContain('at least 3h 10m');
  });

  it('when no reboot is needed the reboot time is left out of the sum', async () => {
    const findings = await check({ reboot: 'none', downtime: '20m' }, 40);
    expect(findings.map((f) => f.message)).toEqual([
      "The 40m window holds the vendor's 20m of downtime + 20m kept for a rollback = 40m, with 0s to spare.",
    ]);
  });

  it('when the downtime claim cannot be read, it is a warning quoting it, with or without a window', async () => {
    for (const window of [undefined, 60]) {
      const findings = await check({ reboot: 'none', downtime: 'a short while' }, window);
      expect(summary(findings)).toEqual(['warning reboot/unreadable-downtime']);
      expect(findings[0]?.message).toContain('"a short while"');
    }
  });

  it('when a window is planned but the manifest claims no downtime, the window cannot be checked and it says so', async () => {
    const findings = await check({ reboot: 'none' }, 60);
    expect(summary(findings)).toEqual(['warning reboot/no-downtime-claim']);
    expect(findings[0]?.message).toContain('60-minute window');
  });
});
