/** The categories are part of the JSON contract: add, never rename. */
export const CATEGORIES = [
  'credential',
  'scheduled-task',
  'external-endpoint',
  'certificate',
  'manifest',
  'dependency',
  'config-key',
  'service-unit',
  'stale-binary',
  'migration-lock',
  'reboot',
  'archive',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Ordered from most to least serious. */
export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  category: Category;
  severity: Severity;
  /** Stable rule id, `category/name`, used by SARIF and by policy overrides. */
  rule: string;
  /** Path inside the package; nested archives read `outer.zip!inner/path`. Empty for package-wide findings. */
  path: string;
  line?: number;
  message: string;
  remediation: string;
  /** A short excerpt safe to show: secrets are already masked. */
  evidence?: string;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.category.localeCompare(b.category) ||
    a.path.localeCompare(b.path) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    a.rule.localeCompare(b.rule)
  );
}
