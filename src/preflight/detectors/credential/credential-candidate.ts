import type { CredentialRule } from './credential-rule.js';

export type CandidateRule = Pick<CredentialRule, 'name' | 'provider' | 'kind' | 'severity' | 'priority'>;

/** A secret found at `[start, end)` of the scanned text, before overlapping finds are resolved. */
export interface CredentialCandidate {
  start: number;
  end: number;
  /** Where the finding points when that is not the secret itself (the BEGIN line of a PEM block). */
  anchor?: number;
  rule: CandidateRule;
}
