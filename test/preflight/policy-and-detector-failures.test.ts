import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { DetectorFactory } from '../../src/preflight/detector.js';
import { DEFAULT_DETECTORS } from '../../src/preflight/default-detectors.js';
import { DEFAULT_POLICY, mergePolicy, policySchema, type Policy } from '../../src/preflight/policy.js';
import { buildYazlZip, writeTempFile } from '../archive/build-yazl-zip.js';
import { runTestPreflight } from '../messages-chat/run-test-preflight.js';

const manifest = {
  name: 'dten',
  version: '4.2.0',
  buildDate: '2026-11-01T00:00:00Z',
  upgradeFrom: '>=4.1.0 <4.2.0',
  reboot: 'recommended',
  downtime: '5m',
};

async function preflight(options: { policy?: Policy; detectors?: readonly DetectorFactory[] } = {}) {
  const zip = await writeTempFile(
    'package.zip',
    await buildYazlZip([
      { name: 'manifest.json', content: JSON.stringify(manifest) },
      { name: 'scripts/install.sh', content: '#!/bin/sh\necho installing\n' },
    ]),
  );
  const lines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void lines.push(line) });
  const report = await runTestPreflight(zip, new Date('2026-11-29T12:00:00Z'), [], { ...options, log });
  return { report, lines };
}

describe("an organisation's policy", () => {
  it('accepting a rule keeps its findings, as info marked "accepted by policy", and the verdict follows', async () => {
    const before = (await preflight()).report.findings.find((finding) => finding.rule === 'reboot/recommended');
    expect(before?.severity).toBe('warning');

    const policy = mergePolicy(DEFAULT_POLICY, policySchema.parse({ accept: ['reboot/recommended'] }));
    const { report } = await preflight({ policy });
    const accepted = report.findings.find((finding) => finding.rule === 'reboot/recommended');
    expect(accepted).toMatchObject({ severity: 'info' });
    expect(accepted?.message).toBe(`${before?.message} (accepted by policy)`);
    expect(report.findings.filter((finding) => finding.severity === 'warning')).toEqual([]);
    expect(report.verdict).toBe('pass');
  });
});

describe('a detector that breaks on a file', () => {
  it('costs that file its check, said as a warning with a reference the log also holds; the others still report', async () => {
    const broken: DetectorFactory = () => ({
      id: 'broken-check',
      scanText(file) {
        if (file.meta.path === 'scripts/install.sh')
          throw new TypeError("Cannot read properties of undefined (reading 'x')");
        return [];
      },
    });
    const { report, lines } = await preflight({ detectors: [...DEFAULT_DETECTORS, broken] });
    const failed = report.findings.find((finding) => finding.rule === 'archive/detector-failed');
    expect(failed).toMatchObject({ severity: 'warning', path: 'scripts/install.sh' });
    const ref = /\(ref ([\w-]+)\)/.exec(failed?.message ?? '')?.[1];
    expect(failed?.message).toBe(
      `The broken-check check could not finish on this file (ref ${ref}); it was not fully checked.`,
    );
    expect(lines.some((line) => line.includes(ref!) && line.includes('detector failed'))).toBe(true);
    // The real detectors still ran on every file.
    expect(report.findings.some((finding) => finding.rule === 'reboot/recommended')).toBe(true);
    expect(report.verdict).toBe('warnings');
  });
});
