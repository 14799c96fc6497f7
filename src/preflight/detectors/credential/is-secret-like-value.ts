import type { AssignmentKind } from './classify-identifier.js';
import type { AssignedValue } from './read-assigned-value.js';
import { PROVIDER_PREFIXES } from './all-credential-rules.js';
import { isPlaceholder } from './is-placeholder.js';
import { measureShannonEntropy } from './measure-shannon-entropy.js';

/** Letters in one case only (`password_field`, `DEFAULT`): a name, not a secret. */
const SINGLE_CASE_WORD = /^(?:[a-z_.-]+|[A-Z_.-]+)$/;
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const DOTTED_REFERENCE = /^[A-Za-z_$][\w$]{0,39}(?:\.[A-Za-z_$][\w$]{0,39})+$/;
const NOT_A_LITERAL = /^(?:\/|\.\.?\/|~\/|file:|https?:|[a-z][\w+.-]*:\/\/)/i;

/** No digits and mostly pronounceable words (`?NoLineTerminatorHere`, `stuff.thats.secret`): a name, not a secret. */
function isMostlyWords(value: string): boolean {
  if (/\d/.test(value)) return false;
  let inWords = 0;
  for (const piece of value.split(/[^A-Za-z]+|(?=[A-Z][a-z])/)) {
    const vowels = piece.match(/[aeiouy]/gi)?.length ?? 0;
    if (/^[A-Z]?[a-z]+$/.test(piece) && vowels > 0 && !/[^aeiouy]{5}/i.test(piece)) inWords += piece.length;
  }
  return inWords >= value.length * 0.6;
}

/** `secret-2-levels`, `my_app_token_v2`: words and short numbers joined by separators. */
function isPhrase(value: string): boolean {
  const segments = value.split(/[-_.:/]+/).filter((segment) => segment.length > 0);
  return segments.length >= 2 && segments.every((segment) => /^\d{1,4}$/.test(segment) || isMostlyWords(segment));
}

function countCharacterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
}

function repeatsName(value: string, identifier: string): boolean {
  const last = /([A-Za-z][a-z]+|[A-Z]+|[a-z]+)[^A-Za-z]*$/.exec(identifier)?.[1]?.toLowerCase() ?? '';
  return last.length >= 4 && value.toLowerCase().includes(last);
}

/** Whether the value assigned to a password or secret name looks like a real secret rather than code or filler. */
export function isSecretLikeValue(value: string, kind: AssignmentKind, where: AssignedValue, identifier = ''): boolean {
  if (value.length < (kind === 'password' ? 8 : 12) || value.length > 1000) return false;
  if (!where.quoted && (where.next === '(' || where.next === '[')) return false;
  if (!/^[\x21-\x7e]+$/.test(value) || CONSTANT_NAME.test(value) || isMostlyWords(value) || isPhrase(value))
    return false;
  if (value.includes('\\')) return false;
  if (/^[{([]/.test(value) || SINGLE_CASE_WORD.test(value) || NOT_A_LITERAL.test(value)) return false;
  if (!where.quoted && !/[A-Z]/.test(value) && !/\d/.test(value)) return false;
  const dotted = !where.quoted && DOTTED_REFERENCE.test(value);
  if (dotted && ((value.match(/\d/g)?.length ?? 0) <= 6 || isMostlyWords(value.replace(/\d+/g, '')))) return false;
  if (isPlaceholder(value) || repeatsName(value, identifier)) return false;
  const lower = value.toLowerCase();
  if (PROVIDER_PREFIXES.some((prefix) => lower.startsWith(prefix))) return false;
  const entropy = measureShannonEntropy(value);
  if (kind === 'password') return entropy >= 2.8 && countCharacterClasses(value) >= 2;
  return /^\d+$/.test(value) ? value.length >= 20 && entropy >= 3 : entropy >= 3.3;
}
