import type { ConfigValue } from '../../../core/manifest/manifest-schema.js';
import { formatConfigValue } from './format-config-value.js';
import { lastContentLine } from './last-content-line.js';
import { readYamlLines, type YamlEntry } from './read-yaml-lines.js';

/** Sets and removes keys in block-style YAML; a missing key is nested under its deepest existing parent. */
export function editYamlText(
  text: string,
  set: Readonly<Record<string, ConfigValue>>,
  remove: readonly string[],
): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const entries = readYamlLines(lines);
  const indents = entries.filter((entry) => entry.indent > 0).map((entry) => entry.indent);
  const unit = indents.length > 0 ? Math.min(...indents) : 2;
  const flat = entries.some((entry) => entry.indent === 0 && entry.localKey.includes('.'));
  const after = new Map<number, string[]>();
  for (const [key, value] of Object.entries(set)) {
    const existing = entries.filter((entry) => entry.key === key && !entry.parent);
    for (const entry of existing) {
      const line = lines[entry.index] ?? '';
      lines[entry.index] =
        line.slice(0, entry.valueStart) + formatConfigValue(value, entry.quote, 'yaml') + line.slice(entry.valueEnd);
    }
    if (existing.length > 0) continue;
    const parent = flat ? undefined : deepestParent(entries, key);
    const rest = parent ? key.slice(parent.key.length + 1).split('.') : flat ? [key] : key.split('.');
    const indent = parent ? childIndent(entries, parent, unit) : 0;
    const at = parent ? parent.lastIndex : lastContentLine(lines);
    const added = rest.map((part, depth) => {
      const pad = ' '.repeat(indent + depth * unit);
      return depth === rest.length - 1 ? `${pad}${part}: ${formatConfigValue(value, '', 'yaml')}` : `${pad}${part}:`;
    });
    after.set(at, [...(after.get(at) ?? []), ...added]);
  }
  const dropped = new Set<number>();
  for (const entry of entries.filter((candidate) => remove.includes(candidate.key))) {
    for (let index = entry.index; index <= entry.lastIndex; index++) dropped.add(index);
  }
  const out = [...(after.get(-1) ?? [])];
  lines.forEach((line, index) => {
    if (!dropped.has(index)) out.push(line);
    out.push(...(after.get(index) ?? []));
  });
  return out.join(eol);
}

function deepestParent(entries: readonly YamlEntry[], key: string): YamlEntry | undefined {
  return entries
    .filter((entry) => entry.parent && key.startsWith(`${entry.key}.`))
    .sort((a, b) => b.key.length - a.key.length)[0];
}

function childIndent(entries: readonly YamlEntry[], parent: YamlEntry, unit: number): number {
  const child = entries.find((entry) => entry.index > parent.index && entry.index <= parent.lastIndex);
  return child?.indent ?? parent.indent + unit;
}
