import type { Finding, Severity } from '../../core/findings/finding.js';
import type { PreflightReport } from '../../preflight/preflight-report.js';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, so CI systems (GitHub code scanning, GitLab, Azure DevOps) can show the findings. */
export function renderSarifReport(report: PreflightReport): object {
  const rules = [...new Map(report.findings.map((finding) => [finding.rule, finding])).values()];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dten',
            version: report.tool.version,
            informationUri: 'https://github.com/dten/dten',
            rules: rules.map((finding) => ({
              id: finding.rule,
              name: finding.rule.replace(/[^a-z0-9]+/gi, '-'),
              shortDescription: { text: finding.rule },
              properties: { category: finding.category },
            })),
          },
        },
        artifacts: [{ location: { uri: report.package.file }, hashes: { 'sha-256': report.package.sha256 } }],
        results: report.findings.map((finding) => toResult(finding, report.package.file)),
      },
    ],
  };
}

function toResult(finding: Finding, packageFile: string): object {
  const uri = finding.path ? `${packageFile}!/${finding.path}` : packageFile;
  return {
    ruleId: finding.rule,
    level: LEVELS[finding.severity],
    message: { text: `${finding.message} Remediation: ${finding.remediation}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(uri) },
          ...(finding.line ? { region: { startLine: finding.line } } : {}),
        },
      },
    ],
    properties: { category: finding.category, severity: finding.severity },
  };
}
