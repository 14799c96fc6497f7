/** A provider token pattern: cheap keywords gate the regex, the `secret` group (or the whole match) is the secret. */
export interface CredentialRule {
  /** Rule name without the `credential/` prefix. */
  name: string;
  provider: string;
  /** What the secret is, in words: "personal access token". */
  kind: string;
  /** Lower-case substrings; the pattern runs only on lines holding one of them. */
  keywords: readonly string[];
  /** Global regex; a named group `secret` marks the secret inside a larger match. */
  pattern: RegExp;
  /** Shannon entropy (bits per character) the secret must reach. */
  minEntropy: number;
  severity: 'blocker' | 'warning';
  /** Extra check on a candidate (for example, that a JWT header is JSON). */
  accept?: (secret: string, match: string) => boolean;
  /** Higher wins when two matches overlap: provider 3, structural 2, headers 1.5, generic 1. */
  priority: number;
}

export type RuleOptions = Partial<Pick<CredentialRule, 'minEntropy' | 'severity' | 'accept' | 'priority'>>;

export function defineRule(
  name: string,
  provider: string,
  kind: string,
  keywords: readonly string[],
  pattern: RegExp,
  options: RuleOptions = {},
): CredentialRule {
  const flags = [...new Set(`${pattern.flags}gd`)].join('');
  return {
    name,
    provider,
    kind,
    keywords,
    pattern: new RegExp(pattern.source, flags),
    minEntropy: options.minEntropy ?? 3,
    severity: options.severity ?? 'blocker',
    priority: options.priority ?? 3,
    ...(options.accept ? { accept: options.accept } : {}),
  };
}
