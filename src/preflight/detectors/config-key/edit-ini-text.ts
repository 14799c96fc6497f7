import type { ConfigValue } from '../../../core/manifest/manifest-schema.js';
import { formatConfigValue } from './format-config-value.js';
import { lastContentLine } from './last-content-line.js';
import { readIniLines } from './read-ini-lines.js';

/** Sets and removes keys in properties/INI/TOML text, leaving comments, order and spacing as they were. */
export function editIniText(
  text: string,
  set: Readonly<Record<string, ConfigValue>>,
  remove: readonly string[],
  newStringQuote: '' | '"',
): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const { entries, sections } = readIniLines(lines);
  const separator = entries[0]?.separator ?? ' = ';
  const after = new Map<number, string[]>();
  const insertAfter = (index: number, ...added: string[]): void => {
    after.set(index, [...(after.get(index) ?? []), ...added]);
  };
  const newSections = new Map<string, string[]>();
  for (const [key, value] of Object.entries(set)) {
    const existing = entries.filter((entry) => entry.key === key);
    for (const entry of existing) {
      const line = lines[entry.index] ?? '';
      const written = formatConfigValue(value, entry.quote || (typeof value === 'string' ? newStringQuote : ''), 'ini');
      lines[entry.index] = line.slice(0, entry.valueStart) + written + line.slice(entry.valueEnd);
    }
    if (existing.length > 0) continue;
    const written = formatConfigValue(value, typeof value === 'string' ? newStringQuote : '', 'ini');
    const section = sections
      .filter(({ name }) => key.startsWith(`${name}.`))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (section) {
      const last = entries.filter((entry) => entry.section === section.name).at(-1)?.index ?? section.index;
      insertAfter(last, `${key.slice(section.name.length + 1)}${separator}${written}`);
    } else if (sections.length === 0 || !key.includes('.')) {
      const globalEnd =
        sections.length === 0
          ? lastContentLine(lines)
          : (entries.filter((entry) => entry.section === '').at(-1)?.index ?? -1);
      insertAfter(globalEnd, `${key}${separator}${written}`);
    } else {
      const cut = key.lastIndexOf('.');
      const name = key.slice(0, cut);
      newSections.set(name, [...(newSections.get(name) ?? []), `${key.slice(cut + 1)}${separator}${written}`]);
    }
  }
  for (const [name, added] of newSections) insertAfter(lastContentLine(lines), '', `[${name}]`, ...added);
  const dropped = new Set(entries.filter((entry) => remove.includes(entry.key)).map((entry) => entry.index));
  const out = [...(after.get(-1) ?? [])];
  lines.forEach((line, index) => {
    if (!dropped.has(index)) out.push(line);
    out.push(...(after.get(index) ?? []));
  });
  return out.join(eol);
}
