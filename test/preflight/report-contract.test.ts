import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../../src/core/findings/finding.js';
import { buildYazlZip, writeTempFile } from '../archive/build-yazl-zip.js';
import { runCli } from '../helpers/run-cli.js';

/** docs/preflight-report.md, as a schema: CI pipelines parse exactly this. */
const reportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal('dten'), version: z.string() }),
  package: z.strictObject({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().positive(),
    name: z.string().optional(),
    version: z.string().optional(),
    entries: z.number().int(),
    uncompressedBytes: z.number().int(),
  }),
  verdict: z.enum(['pass', 'warnings', 'blocked', 'unreadable']),
  counts: z.strictObject({ blocker: z.number(), warning: z.number(), info: z.number() }),
  findings: z.array(
    z.strictObject({
      category: z.enum(CATEGORIES),
      severity: z.enum(SEVERITIES),
      rule: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/),
      path: z.string(),
      line: z.number().int().positive().optional(),
      message: z.string().min(1),
      remediation: z.string().min(1),
      evidence: z.string().optional(),
    }),
  ),
  scannedAt: z.iso.datetime(),
});

describe('the --json report contract', () => {
  it('when a package with problems is checked, the JSON matches the documented schema and its counts add up', async () => {
    const zip = await writeTempFile(
      'Full-upgrade-package-dten.zip',
      await buildYazlZip([
        { name: 'manifest.json', content: JSON.stringify({ name: 'dten', version: '4.2.0', extra: true }) },
        { name: 'scripts/install.sh', content: '#!/bin/sh\n(crontab -l; echo "0 3 * * * /opt/x") | crontab -\n' },
      ]),
    );
    const result = await runCli(['preflight', zip, '--json']);
    const report = reportSchema.parse(JSON.parse(result.stdout));
    expect(result.code).toBe(1);
    expect(report.verdict).toBe('blocked');
    for (const severity of SEVERITIES) {
      expect(report.counts[severity]).toBe(report.findings.filter((f) => f.severity === severity).length);
    }
    expect(report.findings.some((f) => f.category === 'scheduled-task' && f.line === 2)).toBe(true);
  });
});
