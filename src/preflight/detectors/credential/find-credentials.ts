import { CREDENTIAL_KEYWORDS, FIRST_GENERIC_KEYWORD_ID, RULES_BY_KEYWORD_ID } from './all-credential-rules.js';
import { buildKeywordAutomaton } from './build-keyword-automaton.js';
import type { CredentialCandidate } from './credential-candidate.js';
import type { CredentialMatch } from './credential-match.js';
import type { CredentialRule } from './credential-rule.js';
import { findGenericAssignments } from './find-generic-assignments.js';
import { findPrivateKeys } from './find-private-keys.js';
import { isPlaceholder } from './is-placeholder.js';
import { measureShannonEntropy } from './measure-shannon-entropy.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { scanKeywordLines } from './scan-keyword-lines.js';
import { toCredentialMatches } from './to-credential-matches.js';

export type { CredentialMatch } from './credential-match.js';

const AUTOMATON = buildKeywordAutomaton(CREDENTIAL_KEYWORDS);
const { outputs } = AUTOMATON;

function runRule(rule: CredentialRule, lineStart: number, line: string, out: CredentialCandidate[]): void {
  rule.pattern.lastIndex = 0;
  for (let match = rule.pattern.exec(line); match !== null; match = rule.pattern.exec(line)) {
    const group = match.indices?.groups?.secret ?? match.indices?.[1] ?? match.indices?.[0];
    if (group === undefined) continue;
    const secret = line.slice(group[0], group[1]);
    if (measureShannonEntropy(secret) < rule.minEntropy || isPlaceholder(secret)) continue;
    if (rule.accept && !rule.accept(secret, match[0])) continue;
    out.push({ start: lineStart + group[0], end: lineStart + group[1], rule });
  }
}

/** Runs the rules that the keywords found on one line unlock (`states` are automaton states with output). */
function scanLine(
  text: string,
  lineStart: number,
  lineEnd: number,
  states: readonly number[],
  out: CredentialCandidate[],
): void {
  const line = text.slice(lineStart, lineEnd);
  const rules = new Set<CredentialRule>();
  let generic = false;
  for (const state of states) {
    for (const id of outputs[state] ?? []) {
      if (id >= FIRST_GENERIC_KEYWORD_ID) generic = true;
      for (const rule of RULES_BY_KEYWORD_ID[id] ?? []) rules.add(rule);
    }
  }
  for (const rule of rules) runRule(rule, lineStart, line, out);
  if (generic) findGenericAssignments(text, lineStart, lineEnd, out);
}

/** Finds credentials in `text`, whose first line is line `firstLine` of its file. Pure: no I/O, no logging. */
export function findCredentials(text: string, firstLine = 1): CredentialMatch[] {
  const candidates: CredentialCandidate[] = [];
  scanKeywordLines(AUTOMATON, text, (lineStart, lineEnd, states) =>
    scanLine(text, lineStart, lineEnd, states, candidates),
  );
  findPrivateKeys(text, candidates);
  return toCredentialMatches(text, resolveOverlaps(candidates), firstLine);
}
