import { TOOL_VERSION } from '../version.js';
import type { PreflightReport } from './preflight-report.js';

/** The report of a package that cannot be read safely: one `archive` blocker carrying the reason. */
export function unreadableReport(zipPath: string, reason: string, now: Date): PreflightReport {
  return {
    schemaVersion: 1,
    tool: { name: 'dten', version: TOOL_VERSION },
    package: {
      file: zipPath.split('/').pop() ?? zipPath,
      sha256: '',
      bytes: 0,
      name: undefined,
      version: undefined,
      entries: 0,
      uncompressedBytes: 0,
    },
    verdict: 'unreadable',
    counts: { blocker: 1, warning: 0, info: 0 },
    findings: [
      {
        category: 'archive',
        severity: 'blocker',
        rule: 'archive/unreadable',
        path: '',
        message: reason,
        remediation: 'Ask the vendor for an intact package.',
      },
    ],
    scannedAt: now.toISOString(),
  };
}
