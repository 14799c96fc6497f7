import type { Finding, Severity } from '../../../core/findings/finding.js';
import { fitText } from '../../block-kit/fit-text.js';
import { section } from '../../block-kit/section.js';
import type { SectionBlock } from '../../block-kit/types.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { codeSpan } from '../code-span.js';

const SEVERITY_MARKS: Record<Severity, string> = {
  blocker: '⛔ Blocker',
  warning: '⚠️ Warning',
  info: 'ℹ️ Info',
};

/** One finding: where (`path:line`), what, the masked evidence and what to do; every piece from the package escaped. */
export function findingSection(finding: Finding): SectionBlock {
  const where = finding.path ? `${finding.path}${finding.line ? `:${finding.line}` : ''}` : 'the package as a whole';
  const lines = [
    `*${SEVERITY_MARKS[finding.severity]}* · ${finding.category} · ${codeSpan(fitText(where, 300))}`,
    escapeMrkdwn(fitText(finding.message, 1000)),
  ];
  // Evidence is masked by the detectors; one line, so a pasted block cannot pose as our own text.
  if (finding.evidence) lines.push(codeSpan(fitText(finding.evidence.replace(/\s+/g, ' '), 300)));
  lines.push(`→ _${escapeMrkdwn(fitText(finding.remediation, 1000))}_`);
  return section(lines.join('\n'));
}
