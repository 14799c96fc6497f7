import type { Severity } from '../../../core/findings/finding.js';

/** A secret found in text. Every field is safe to show except `secret`, which is not enumerable and must never be logged. */
export interface CredentialMatch {
  /** `credential/<name>`. */
  rule: string;
  provider: string;
  kind: string;
  severity: Extract<Severity, 'blocker' | 'warning'>;
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** The secret as maskSecret shows it. */
  masked: string;
  /** The line with every secret on it masked, cut to a window around this one. */
  evidence: string;
  readonly secret: string;
}

export function createCredentialMatch(fields: Omit<CredentialMatch, 'secret'>, secret: string): CredentialMatch {
  const match = { ...fields } as CredentialMatch;
  Object.defineProperty(match, 'secret', { value: secret, enumerable: false });
  return match;
}
