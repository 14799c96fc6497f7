import { SEVERITIES, type Finding, type Severity } from '../core/findings/finding.js';

export type Verdict = 'pass' | 'warnings' | 'blocked' | 'unreadable';

/** The `--json` contract (docs/preflight-report.md). Bump `schemaVersion` on any breaking change. */
export interface PreflightReport {
  schemaVersion: 1;
  tool: { name: 'dten'; version: string };
  package: {
    file: string;
    sha256: string;
    bytes: number;
    name: string | undefined;
    version: string | undefined;
    entries: number;
    uncompressedBytes: number;
  };
  verdict: Verdict;
  counts: Record<Severity, number>;
  findings: Finding[];
  scannedAt: string;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

export function decideVerdict(counts: Record<Severity, number>): Verdict {
  if (counts.blocker > 0) return 'blocked';
  if (counts.warning > 0) return 'warnings';
  return 'pass';
}

/** CLI exit code: 0 pass or warnings only, 1 a blocker, 2 unreadable. */
export function exitCodeFor(verdict: Verdict): 0 | 1 | 2 {
  if (verdict === 'unreadable') return 2;
  return verdict === 'blocked' ? 1 : 0;
}
