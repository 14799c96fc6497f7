import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import type { Finding } from '../../src/core/findings/finding.js';
import { DEFAULT_POLICY } from '../../src/preflight/policy.js';
import { runConfiguredPreflight } from '../../src/preflight/run-configured-preflight.js';
import { buildYazlZip, writeTempFile, type YazlFile } from '../archive/build-yazl-zip.js';
import { buildTestManifest } from './build-test-manifest.js';

/**
 * Zips the files with a valid `dten-4.2.0/manifest.json`, runs `dten preflight` on the zip as the CLI does, and
 * returns the report's findings of one category.
 */
export async function preflightPackage(files: readonly YazlFile[], category: Finding['category']): Promise<Finding[]> {
  const manifest = buildTestManifest({ downtime: '5m' });
  const zip = await writeTempFile(
    'package.zip',
    await buildYazlZip([{ name: 'dten-4.2.0/manifest.json', content: JSON.stringify(manifest) }, ...files]),
  );
  const report = await runConfiguredPreflight(zip, loadConfig({}), pino({ level: 'silent' }), {
    trustedCaPem: [],
    policy: DEFAULT_POLICY,
    inventory: undefined,
    windowMinutes: undefined,
    now: new Date('2026-11-29T12:00:00Z'),
  });
  return report.findings.filter((finding) => finding.category === category);
}
