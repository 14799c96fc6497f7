const ELLIPSIS = '…';
/** Slack's three escapes and its `<…>` links, mentions and dates: cutting one in half breaks what follows. */
const ATOMS = /&(?:amp|lt|gt);|<[^<>\n]*>/g;
/** A word end this far into the allowance is worth the shorter text; before it, cut mid-word. */
const WORD_END_SHARE = 0.6;

/**
 * Shortens already-safe mrkdwn (or plain text) to at most `limit` UTF-16 units, the unit Slack's limits are counted
 * in here: ends on a word when one is near, with `…`, never inside an escape, a link or a surrogate pair.
 */
export function fitText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const atoms = findAtoms(text);
  const hard = safeCut(text, limit - ELLIPSIS.length, atoms);
  return `${text.slice(0, wordCut(text, hard, atoms)).trimEnd()}${ELLIPSIS}`;
}

interface Atom {
  start: number;
  end: number;
}

function findAtoms(text: string): Atom[] {
  return [...text.matchAll(ATOMS)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

function atomAround(atoms: Atom[], at: number): Atom | undefined {
  return atoms.find((atom) => atom.start < at && at < atom.end);
}

function safeCut(text: string, at: number, atoms: Atom[]): number {
  const code = text.charCodeAt(at - 1);
  const cut = code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
  return atomAround(atoms, cut)?.start ?? cut;
}

function wordCut(text: string, hard: number, atoms: Atom[]): number {
  if (/\s/.test(text.charAt(hard))) return hard;
  for (let at = hard - 1; at >= Math.ceil(hard * WORD_END_SHARE) && at > 0; at -= 1) {
    if (/\s/.test(text.charAt(at)) && !atomAround(atoms, at)) return at;
  }
  return hard;
}
