import { shortenText } from '../text-scan/shorten-text.js';
import type { PowerShellValue } from './powershell-value.js';

/** Where `shortenText` cuts a registration's evidence: its triggers as written. */
const EVIDENCE_LENGTH = 160;
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
}

/** What `shortenText` makes of the triggers' raws joined by `; `, worked out from their heads. */
export function triggerEvidence(triggers: readonly PowerShellValue[]): string {
  return shortenText(triggers.map((trigger) => headOf(trigger).text).join('; '), EVIDENCE_LENGTH);
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
  heads.set(derived, head.full ? head : cut(`${head.text}; ${appended}`));
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
  return { text: text.slice(0, full ? NON_SPACE.lastIndex : text.length).replace(/\s+/g, ' '), full };
}
