export interface YamlEntry {
  /** Full key: parent keys joined with dots. */
  key: string;
  /** The key as written on its own line (may itself hold dots: `dten.hybrid.enable: true`). */
  localKey: string;
  value: string;
  /** 0-based line index. */
  index: number;
  indent: number;
  /** Where the value is written on its line, quotes included. */
  valueStart: number;
  valueEnd: number;
  quote: '' | '"' | "'";
  /** A mapping that holds other keys (`dten:` alone on its line). */
  parent: boolean;
  /** Index of its last line, children included. */
  lastIndex: number;
}

const KEY = /^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{[-][^:#]*):(?=\s|$)\s*(.*)$/;

/**
 * Reads block-style YAML mappings by indentation: keys, scalar values and their positions. Hand-written
 * because the edits and the report need line numbers; lists, anchors and block scalars are skipped.
 */
export function readYamlLines(lines: readonly string[]): YamlEntry[] {
  const entries: YamlEntry[] = [];
  const open: YamlEntry[] = [];
  let skipDeeperThan: number | undefined;
  lines.forEach((line, index) => {
    const indent = line.length - line.trimStart().length;
    const text = line.trim();
    if (text === '' || text.startsWith('#') || text === '---' || text === '...') return;
    const inside = skipDeeperThan !== undefined && indent > skipDeeperThan;
    if (!inside) skipDeeperThan = undefined;
    const isItem = text === '-' || text.startsWith('- ');
    while ((open.at(-1)?.indent ?? -1) >= indent + (inside || isItem ? 1 : 0)) open.pop();
    for (const ancestor of open) ancestor.lastIndex = index;
    if (inside) return;
    const match = isItem ? null : KEY.exec(line);
    if (!match) {
      skipDeeperThan = indent;
      return;
    }
    const [, , rawKey = '', rest = ''] = match;
    const localKey = /^["']/.test(rawKey) ? rawKey.slice(1, -1) : rawKey.trimEnd();
    const { value, length, quote } = readScalar(rest);
    const entry: YamlEntry = {
      key: [...open.map((parent) => parent.localKey), localKey].join('.'),
      localKey,
      value,
      index,
      indent,
      valueStart: line.length - rest.length,
      valueEnd: line.length - rest.length + length,
      quote,
      parent: value === '' && quote === '',
      lastIndex: index,
    };
    entries.push(entry);
    if (entry.parent) open.push(entry);
    else if (/^[|>]/.test(value)) skipDeeperThan = indent;
  });
  return entries;
}

function readScalar(rest: string): { value: string; length: number; quote: YamlEntry['quote'] } {
  const quoted = /^(["'])((?:\\.|(?!\1).)*)\1/.exec(rest);
  if (quoted) return { value: quoted[2] ?? '', length: quoted[0].length, quote: quoted[1] === '"' ? '"' : "'" };
  const value = rest.replace(/(^|\s+)#.*$/, '').trimEnd();
  return { value, length: value.length, quote: '' };
}
