import type { CredentialRule } from './credential-rule.js';
import { CHAT_RULES } from './rules/chat-rules.js';
import { CLOUD_RULES } from './rules/cloud-rules.js';
import { CODE_HOST_RULES } from './rules/code-host-rules.js';
import { DEVELOPER_TOOL_RULES } from './rules/developer-tool-rules.js';
import { PLATFORM_RULES } from './rules/platform-rules.js';
import { SAAS_RULES } from './rules/saas-rules.js';
import { STRUCTURAL_RULES } from './rules/structural-rules.js';

export const ALL_CREDENTIAL_RULES: readonly CredentialRule[] = [
  ...CLOUD_RULES,
  ...PLATFORM_RULES,
  ...CODE_HOST_RULES,
  ...DEVELOPER_TOOL_RULES,
  ...SAAS_RULES,
  ...CHAT_RULES,
  ...STRUCTURAL_RULES,
];

/** Generic names that introduce a secret; kept in step with `find-generic-assignments.ts`. */
const GENERIC_KEYWORDS = ['pass', 'pwd', 'pw', 'secret', 'token', 'key', 'auth', 'cred'];

const PROVIDER_KEYWORDS = [...new Set(ALL_CREDENTIAL_RULES.flatMap((rule) => rule.keywords))];

/** Every keyword the scan looks for: provider keywords first, then the generic ones. */
export const CREDENTIAL_KEYWORDS: readonly string[] = [...PROVIDER_KEYWORDS, ...GENERIC_KEYWORDS];

/** Rules unlocked by each keyword id of CREDENTIAL_KEYWORDS (none for the generic ones). */
export const RULES_BY_KEYWORD_ID: readonly (readonly CredentialRule[])[] = CREDENTIAL_KEYWORDS.map((keyword) =>
  ALL_CREDENTIAL_RULES.filter((rule) => rule.keywords.includes(keyword)),
);

/** Keyword ids at or above this one are generic names (`password`, `token`, …). */
export const FIRST_GENERIC_KEYWORD_ID = PROVIDER_KEYWORDS.length;

/** Token prefixes a provider rule owns: a value with one of them that the rule rejected is a look-alike. */
export const PROVIDER_PREFIXES: readonly string[] = [
  'xox',
  ...PROVIDER_KEYWORDS.filter(
    (keyword) => keyword.length >= 4 && /[_-]$/.test(keyword) && keyword !== 'api-' && keyword !== 'key-',
  ),
];
