import type { Finding } from '../../../core/findings/finding.js';
import type { CredentialMatch } from './credential-match.js';
import { GENERIC_RULES } from './generic-rules.js';

const GENERIC_RULE_IDS = new Set(Object.values(GENERIC_RULES).map((rule) => `credential/${rule.name}`));

function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'An' : 'A'} ${words}`;
}

/** Turns a match into the finding an on-call engineer reads: what it is, where, and what to do. */
export function describeCredential(match: CredentialMatch, path: string, inDocumentation: boolean): Finding {
  const what = match.provider ? `${match.provider} ${match.kind}` : match.kind;
  const testOnly = match.severity === 'warning';
  const severity = GENERIC_RULE_IDS.has(match.rule) && inDocumentation ? 'warning' : match.severity;
  const rotate = match.provider
    ? `revoke and rotate it at ${match.provider}`
    : 'change or revoke it wherever it is used';
  const note = testOnly ? '; it is a test-mode credential, but it still should not ship' : '';
  return {
    category: 'credential',
    severity,
    rule: match.rule,
    path,
    line: match.line,
    message: `${withArticle(what)} (${match.masked}) is in this file at column ${match.column}${note}.`,
    remediation: testOnly
      ? 'Remove it from the package and have the install read it from the environment or a secret store at install time.'
      : `Remove it from the package, ${rotate} (anyone who has the package has it), and have the install read it from the environment or a secret store at install time.`,
    evidence: match.evidence,
  };
}
