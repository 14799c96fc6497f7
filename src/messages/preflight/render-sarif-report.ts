import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../../core/findings/finding.js';
import type { PreflightReport } from '../../preflight/preflight-report.js';
import { CATEGORY_DESCRIPTIONS } from './category-descriptions.js';

const LEVELS: Record<Severity, Result.level> = { blocker: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, so CI systems (GitHub code scanning, GitLab, Azure DevOps) can show the findings. */
export function renderSarifReport(report: PreflightReport): Log {
  const rules = [...new Map(report.findings.map((finding) => [finding.rule, finding])).values()];
  const ruleIndex = new Map(rules.map((finding, index) => [finding.rule, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dten', version: report.tool.version, rules: rules.map(toRule) } },
        artifacts: [{ location: { uri: report.package.file }, hashes: { 'sha-256': report.package.sha256 } }],
        results: report.findings.map((finding) => toResult(finding, report.package.file, ruleIndex)),
      },
    ],
  };
}

function toRule(finding: Finding): ReportingDescriptor {
  return {
    id: finding.rule,
    name: finding.rule.replace(/[^a-z0-9]+/gi, '-'),
    shortDescription: { text: CATEGORY_DESCRIPTIONS[finding.category] },
    // A policy can change a rule's severity, so the level of each result is what counts; this is the first one seen.
    defaultConfiguration: { level: LEVELS[finding.severity] },
    properties: { category: finding.category },
  };
}

function toResult(finding: Finding, packageFile: string, ruleIndex: ReadonlyMap<string, number>): Result {
  const uri = finding.path ? `${packageFile}!/${finding.path}` : packageFile;
  return {
    ruleId: finding.rule,
    // Every finding's rule is in the index: it was built from these findings.
    ruleIndex: ruleIndex.get(finding.rule)!,
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
