/** One condition of a label selector: the host's label `key` equals (or differs from) `value`. */
export interface LabelTerm {
  key: string;
  op: '=' | '!=';
  value: string;
}

const TERM = /^([A-Za-z0-9][A-Za-z0-9._/-]*)\s*(!=|=)\s*([A-Za-z0-9._-]*)$/;

/** `role=web,region!=us`: every term must hold. Undefined when the text is not a selector. */
export function parseLabelSelector(text: string): LabelTerm[] | undefined {
  const terms: LabelTerm[] = [];
  for (const part of text.split(',')) {
    const match = TERM.exec(part.trim());
    if (!match) return undefined;
    const [, key = '', op, value = ''] = match;
    terms.push({ key, op: op === '!=' ? '!=' : '=', value });
  }
  return terms;
}
