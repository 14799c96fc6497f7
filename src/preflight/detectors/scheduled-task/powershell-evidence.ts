import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import { shortenText } from '../text-scan/shorten-text.js';
import type { PowerShellValue } from './powershell-value.js';
import { rememberPerValue } from './remember-per-value.js';

/** Where `shortenText` cuts a registration's evidence: its triggers as written. */
const EVIDENCE_LENGTH = 160;
/** Where a raw quoted in a finding's message is cut, as a command is: at most EVIDENCE_LENGTH. */
const QUOTE_LENGTH = 80;
const NON_SPACE = /\S/g;

/**
 * Each value's head: its raw up to the non-space character past the cut, each run of whitespace made one space,
 * and whether it reaches that character. Nothing after it can show in the evidence, so a raw as long as its
 * statement, or grown by every change dten follows, is read once rather than again for each registration that
 * names it (which made a long script quadratic).
 */
const heads = new WeakMap<PowerShellValue, Head>();

interface Head {
  text: string;
  full: boolean;
  /** How many characters of the raw come after the head. */
  rest: number;
}

/** What `shortenText` makes of the triggers' raws joined by `; `, worked out from their heads. */
export function triggerEvidence(triggers: readonly PowerShellValue[]): string {
  return shortenText(triggers.map((trigger) => headOf(trigger).text).join('; '), EVIDENCE_LENGTH);
}

/**
 * A value's raw as a finding's message quotes it (`on a trigger dten does not put in words (…)`): cut as a command
 * is, saying how many characters are left out, invisible characters escaped. Worked out from its head, so a raw of
 * any length, named by any number of registrations, adds no more than this to each message.
 */
export function quoteValue(value: PowerShellValue): string {
  return quote(headOf(value));
}

/** A string's text quoted so (`-User`, an `-At` dten cannot read), its head kept as a raw's is. */
export function quoteText(value: PowerShellValue & { type: 'text' }): string {
  return quote(textHeadOf(value));
}

const textHeadOf = rememberPerValue((value: PowerShellValue & { type: 'text' }) => cut(value.text));

function quote({ text, rest }: Head): string {
  const whole = text.trim();
  const shown = escapeForDisplay(shortenText(whole, QUOTE_LENGTH));
  if (whole.length <= QUOTE_LENGTH) return shown;
  // `shortenText` keeps the first QUOTE_LENGTH - 1 characters; a head that is cut is followed by `rest`.
  return `${shown} (${whole.length - (QUOTE_LENGTH - 1) + rest} more characters)`;
}

/**
 * `next`, made from `from` with a change: its raw is `from`'s, followed by `; appended` when given. Its head is
 * worked out from `from`'s, so a chain of changes does not read the raw they share again.
 */
export function deriveValue<T extends PowerShellValue>(from: PowerShellValue, next: T, appended?: string): T {
  const head = headOf(from);
  if (appended === undefined) {
    heads.set(next, head);
    return next;
  }
  const derived = { ...next, raw: `${from.raw}; ${appended}` };
  heads.set(derived, head.full ? { ...head, rest: head.rest + 2 + appended.length } : cut(`${head.text}; ${appended}`));
  return derived;
}

function headOf(value: PowerShellValue): Head {
  let head = heads.get(value);
  if (head === undefined) {
    head = cut(value.raw);
    heads.set(value, head);
  }
  return head;
}

/** The text up to its non-space character past the cut (all of it if it has none), whitespace runs made one space. */
function cut(text: string): Head {
  NON_SPACE.lastIndex = 0;
  let seen = 0;
  while (seen <= EVIDENCE_LENGTH && NON_SPACE.exec(text)) seen++;
  const full = seen > EVIDENCE_LENGTH;
  const end = full ? NON_SPACE.lastIndex : text.length;
  return { text: text.slice(0, end).replace(/\s+/g, ' '), full, rest: text.length - end };
}
