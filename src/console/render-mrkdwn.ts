import type { Painter, Tone } from './create-painter.js';
import { decodeEntities } from './decode-entities.js';
import { escapeLines } from './escape-lines.js';

/** Private-use marks that hold a code span or a `<…>` while emphasis is read. */
const HOLD = /\uE000(\d+)\uE001/g;
const EMPHASIS: readonly (readonly [mark: string, tone: Tone])[] = [
  ['*', 'bold'],
  ['_', 'italic'],
  ['~', 'strike'],
];

/**
 * Slack mrkdwn as a terminal shows it: `*b*` → b, `<url|label>` → label (url), `<@U1>` → @U1, `&amp;` → &,
 * with control and invisible characters made visible.
 */
export function renderMrkdwn(mrkdwn: string, paint: Painter): string {
  const held: string[] = [];
  const hold = (text: string): string => `\uE000${held.push(text) - 1}\uE001`;
  let text = escapeLines(mrkdwn.replace(/[\uE000\uE001]/g, '\uFFFD'));
  text = text.replace(/```\n?([\s\S]*?)\n?```/g, (_m, code: string) => hold(paint('code', decodeEntities(code))));
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => hold(paint('code', decodeEntities(code))));
  text = text.replace(/<([^<>\n]*)>/g, (_m, inner: string) => hold(renderSpecial(inner)));
  for (const [mark, tone] of EMPHASIS) {
    text = text.replace(emphasis(mark), (_m, lead: string, inner: string) => `${lead}${paint(tone, inner)}`);
  }
  return decodeEntities(text).replace(HOLD, (_m, index: string) => held[Number(index)] ?? '');
}

/** Slack's rule: a mark opens after a line start, a space or an opening bracket and closes before one. */
function emphasis(mark: string): RegExp {
  const m = `\\${mark}`;
  return new RegExp(`(^|[\\s(\\[{"'])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?=$|[\\s.,;:!?)\\]}"'])`, 'gm');
}

function renderSpecial(inner: string): string {
  const bar = inner.indexOf('|');
  const target = decodeEntities(bar < 0 ? inner : inner.slice(0, bar));
  const label = bar < 0 ? undefined : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
  if (target.startsWith('!')) return label ?? renderCommand(target.slice(1));
  return label && label !== target ? `${label} (${target})` : target;
}

/** `<!here>`, `<!channel>`, `<!subteam^S1>`, `<!date^…>` without a fallback label. */
function renderCommand(command: string): string {
  const [name = '', id] = command.split('^');
  if (name === 'subteam') return `@${id ?? 'group'}`;
  if (name === 'date') return id ? new Date(Number(id) * 1000).toISOString() : '';
  return `@${name}`;
}
