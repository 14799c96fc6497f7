import type { ConfigValue } from '../../../core/manifest/manifest-schema.js';
import { indexJsonTree } from './index-json-tree.js';
import { parseJsonTree, type JsonNode } from './parse-json-tree.js';

type JsonObject = Extract<JsonNode, { kind: 'object' }>;

/** Sets and removes dotted keys in JSON text, keeping its indentation, key order and the rest of its bytes. */
export function editJsonText(
  text: string,
  set: Readonly<Record<string, ConfigValue>>,
  remove: readonly string[],
): string {
  let out = text;
  for (const [key, value] of Object.entries(set)) out = setKey(out, key, value);
  for (const key of remove) out = removeKey(out, key);
  return out;
}

function setKey(text: string, key: string, value: ConfigValue): string {
  const index = indexJsonTree(parseJsonTree(text));
  const existing = index.get(key);
  if (existing) return splice(text, existing.node.start, existing.node.end, JSON.stringify(value));
  const owner = [...index]
    .filter(([path, { node }]) => node.kind === 'object' && (path === '' || key.startsWith(`${path}.`)))
    .sort(([a], [b]) => b.length - a.length)[0];
  const object = owner?.[1].node;
  if (owner === undefined || object?.kind !== 'object') return text;
  const path = owner[0];
  const [first = key, ...deeper] = (path === '' ? key : key.slice(path.length + 1)).split('.');
  const nested = deeper.reduceRight<unknown>((inner, part) => ({ [part]: inner }), value);
  return insertMember(text, object, first, nested);
}

function insertMember(text: string, object: JsonObject, key: string, value: unknown): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const last = object.members.at(-1);
  const multiline = text.slice(object.start, object.end).includes('\n') || object.members.length === 0;
  if (last && !multiline)
    return splice(text, last.value.end, last.value.end, `, ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  const unit = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const outer = indentOf(text, object.start);
  const inner = last ? indentOf(text, last.keyStart) : outer + unit;
  const member = `${JSON.stringify(key)}: ${JSON.stringify(value, null, unit).split('\n').join(`${eol}${inner}`)}`;
  if (last) return splice(text, last.value.end, last.value.end, `,${eol}${inner}${member}`);
  return splice(text, object.start + 1, object.end - 1, `${eol}${inner}${member}${eol}${outer}`);
}

function removeKey(text: string, key: string): string {
  const found = indexJsonTree(parseJsonTree(text)).get(key);
  if (!found?.member || !found.parent) return text;
  const { members } = found.parent;
  const position = members.indexOf(found.member);
  const next = members[position + 1];
  const previous = members[position - 1];
  if (next) return splice(text, found.member.keyStart, next.keyStart, '');
  if (previous) return splice(text, previous.value.end, found.member.value.end, '');
  return splice(text, found.parent.start + 1, found.parent.end - 1, '');
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
