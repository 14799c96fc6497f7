import { quoteSqlValue } from './quote-sql-value.js';

/** Part of a statement built at run time: text known now, or a `{name}` standing for what only the run knows. */
export type SqlPiece = { text: string } | { placeholder: string; literal: boolean };

/** An argument of `format()`: its text when constant, `null` for NULL, or the name to show for a run-time value. */
export type FormatArgument = { text: string } | { placeholder: string } | null;

/** `%%`, or `%[position$][-][width]` and s, I or L; a `*` width is not followed (it gives undefined). */
const SPECIFIER = /%(?:%|(?:([1-9]\d*)\$)?(-)?(\d*)([sIL]))/y;

/**
 * PostgreSQL's `format(text, …)`: `%I` quotes an identifier, `%L` a literal, `%s` inserts the text as it is.
 * Undefined where format() would raise an error, or when the result would pass `maxChars`.
 */
export function expandFormat(format: string, args: FormatArgument[], maxChars: number): SqlPiece[] | undefined {
  const pieces: SqlPiece[] = [];
  let length = 0;
  let next = 0;
  for (let at = 0; at < format.length;) {
    const percent = format.indexOf('%', at);
    const text = format.slice(at, percent === -1 ? undefined : percent);
    pieces.push({ text });
    length += text.length;
    if (percent === -1) break;
    SPECIFIER.lastIndex = percent;
    const match = SPECIFIER.exec(format);
    if (!match) return undefined;
    at = SPECIFIER.lastIndex;
    const [whole, position, leftAlign, width, type] = match;
    if (whole === '%%') {
      pieces.push({ text: '%' });
      continue;
    }
    const index = position ? Number(position) - 1 : next;
    next = index + 1;
    const piece = convert(args[index], type);
    if (!piece) return undefined;
    if ('text' in piece && width)
      piece.text = pad(piece.text, Math.min(Number(width), maxChars + 1), leftAlign === '-');
    pieces.push(piece);
    length += 'text' in piece ? piece.text.length : piece.placeholder.length;
    if (length > maxChars) return undefined;
  }
  return pieces;
}

function convert(arg: FormatArgument | undefined, type: string | undefined): SqlPiece | undefined {
  if (arg === undefined) return undefined; // too few arguments
  if (arg === null) return type === 'I' ? undefined : { text: type === 'L' ? 'NULL' : '' };
  if ('placeholder' in arg) return { placeholder: arg.placeholder, literal: type === 'L' };
  if (type === 's') return { text: arg.text };
  return { text: quoteSqlValue(arg.text, type === 'I' ? 'identifier' : 'literal') };
}

function pad(text: string, width: number, leftAlign: boolean): string {
  const missing = Math.max(0, width - [...text].length);
  return leftAlign ? text + ' '.repeat(missing) : ' '.repeat(missing) + text;
}
