import { compareFindings, type Finding, type Severity } from '../../../core/findings/finding.js';
import { countBySeverity, type PreflightReport, type Verdict } from '../../../preflight/preflight-report.js';
import { context } from '../../block-kit/context.js';
import { divider } from '../../block-kit/divider.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { fitText } from '../../block-kit/fit-text.js';
import { header } from '../../block-kit/header.js';
import { BLOCK_KIT_LIMITS } from '../../block-kit/limits.js';
import { section } from '../../block-kit/section.js';
import type { KnownBlock } from '../../block-kit/types.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { formatBytes } from '../../format-bytes.js';
import { countOf } from '../count-of.js';
import { findingSection } from './finding-section.js';
import { reportAttachments, type ReportAttachment } from './report-attachments.js';

/** Enough to act on without scrolling past the buttons of the next message; the rest goes in the attachments. */
export const MAX_LISTED_FINDINGS = 15;

const LISTED: readonly Severity[] = ['blocker', 'warning'];

const VERDICTS: Record<Verdict, { mark: string; words: string; line: string }> = {
  pass: { mark: '✅', words: 'passed', line: 'Nothing stands in the way of planning this upgrade.' },
  warnings: {
    mark: '⚠️',
    words: 'passed with warnings',
    line: 'No blocker, but read the warnings and decide what to do about each before you plan the window.',
  },
  blocked: {
    mark: '⛔',
    words: 'blocked',
    line: 'This package must not be installed as it is: fix the blockers first.',
  },
  unreadable: { mark: '⛔', words: 'could not read the package', line: 'The package cannot be read safely.' },
};

export interface PreflightReportMessage extends SlackMessage {
  /** Empty when every finding is in the blocks. */
  attachments: ReportAttachment[];
}

/** The preflight report in chat: verdict, counts, blockers then warnings; the full report attached when cut. */
export function preflightReportMessage(
  report: PreflightReport,
  options: { packageName: string },
): PreflightReportMessage {
  const { packageName } = options;
  const { counts, package: pkg } = report;
  const verdict = VERDICTS[report.verdict];
  const listed = report.findings
    .filter((finding) => LISTED.includes(finding.severity))
    .sort(compareFindings)
    .slice(0, MAX_LISTED_FINDINGS);
  const leftOut = report.findings.filter((finding) => !listed.includes(finding));
  const product = pkg.name ? `${pkg.name} ${pkg.version ?? ''}`.trim() : 'unknown product';
  const countLine = `${countOf(counts.blocker, 'blocker')} · ${countOf(counts.warning, 'warning')} · ${counts.info} info`;
  const blocks: KnownBlock[] = [
    header(`${verdict.mark} Preflight ${verdict.words}: ${escapeMrkdwn(packageName)}`),
    section(`${verdict.line}\n*${countLine}*`),
    context([
      `*${escapeMrkdwn(product)}*`,
      `${countOf(pkg.entries, 'file')}, ${formatBytes(pkg.uncompressedBytes)} uncompressed`,
      pkg.sha256 ? `sha256 \`${pkg.sha256.slice(0, 12)}…\`` : 'no checksum',
    ]),
  ];
  if (listed.length > 0) blocks.push(divider(), ...listed.map((finding) => findingSection(finding)));
  if (leftOut.length > 0) blocks.push(context([describeLeftOut(leftOut)]));
  const text = `Preflight ${verdict.words} for ${escapeMrkdwn(packageName)}: ${countLine}`;
  return {
    text: fitText(text, BLOCK_KIT_LIMITS.messageText),
    blocks,
    attachments: leftOut.length > 0 ? reportAttachments(report, packageName) : [],
  };
}

function describeLeftOut(notShown: readonly Finding[]): string {
  const counts = countBySeverity(notShown);
  const parts = [
    counts.blocker > 0 ? countOf(counts.blocker, 'blocker') : '',
    counts.warning > 0 ? countOf(counts.warning, 'warning') : '',
    counts.info > 0 ? `${counts.info} info` : '',
  ].filter((part) => part !== '');
  return `${countOf(notShown.length, 'more finding')} not shown here (${parts.join(', ')}): the full report is attached as JSON and as text.`;
}
