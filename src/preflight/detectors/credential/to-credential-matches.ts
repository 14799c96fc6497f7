import { maskSecret } from '../../../core/findings/mask-secret.js';
import type { CredentialCandidate } from './credential-candidate.js';
import { createCredentialMatch, type CredentialMatch } from './credential-match.js';
import { maskLine } from './mask-line.js';

/** Gives each kept candidate its line, column and masked evidence, in text order. */
export function toCredentialMatches(
  text: string,
  kept: readonly CredentialCandidate[],
  firstLine: number,
): CredentialMatch[] {
  const anchored = kept
    .map((candidate) => ({ candidate, at: candidate.anchor ?? candidate.start }))
    .sort((a, b) => a.at - b.at);
  const matches: CredentialMatch[] = [];
  let line = firstLine;
  let lineStart = 0;
  for (const { candidate, at } of anchored) {
    for (
      let newline = text.indexOf('\n', lineStart);
      newline !== -1 && newline < at;
      newline = text.indexOf('\n', lineStart)
    ) {
      line += 1;
      lineStart = newline + 1;
    }
    const newline = text.indexOf('\n', at);
    const secret = text.slice(candidate.start, candidate.end);
    const { name, provider, kind, severity } = candidate.rule;
    const evidence = maskLine(text, lineStart, newline === -1 ? text.length : newline, kept, candidate);
    const fields = {
      rule: `credential/${name}`,
      provider,
      kind,
      severity,
      line,
      column: at - lineStart + 1,
      masked: maskSecret(secret),
      evidence,
    };
    matches.push(createCredentialMatch(fields, secret));
  }
  return matches;
}
