import { SEVERITIES, type Finding, type Severity } from '../../core/findings/finding.js';
import type { PreflightReport, Verdict } from '../../preflight/preflight-report.js';
import { formatBytes } from '../format-bytes.js';

const HEADINGS: Record<Severity, string> = {
  blocker: 'BLOCKERS — fix these before the upgrade',
  warning: 'WARNINGS — decide and record what you do about these',
  info: 'INFO',
};

const VERDICTS: Record<Verdict, string> = {
  pass: 'PASS — nothing stands in the way of planning this upgrade.',
  warnings: 'PASS WITH WARNINGS — no blocker, but read the warnings before you plan the window.',
  blocked: 'BLOCKED — this package must not be installed as it is.',
  unreadable: 'UNREADABLE — the package cannot be read safely.',
};

/** The terminal report: verdict first, then findings grouped by severity, each with where, what and what to do. */
export function renderTextReport(report: PreflightReport, options: { showInfo?: boolean } = {}): string {
  const { package: pkg, counts } = report;
  const title = pkg.name ? `${pkg.name} ${pkg.version ?? ''}`.trim() : 'unknown product';
  const lines = [
    `dten preflight — ${pkg.file} (${title})`,
    `sha256 ${pkg.sha256}`,
    `${pkg.entries} files, ${formatBytes(pkg.uncompressedBytes)} uncompressed`,
    '',
    VERDICTS[report.verdict],
    `${counts.blocker} blocker(s), ${counts.warning} warning(s), ${counts.info} info`,
  ];
  for (const severity of SEVERITIES) {
    const group = report.findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    if (severity === 'info' && options.showInfo === false) {
      lines.push('', `${group.length} info finding(s) not shown (use --json for all of them).`);
      continue;
    }
    lines.push('', HEADINGS[severity]);
    for (const finding of group) lines.push(...renderFinding(finding));
  }
  return `${lines.join('\n')}\n`;
}

export function renderFinding(finding: Finding): string[] {
  const where = finding.path ? `${finding.path}${finding.line ? `:${finding.line}` : ''}` : '(package)';
  const lines = [`  ${where}  [${finding.category}] ${finding.message}`];
  if (finding.evidence) lines.push(`      ${finding.evidence}`);
  lines.push(`      → ${finding.remediation.replaceAll('\n', '\n        ')}`);
  return lines;
}
