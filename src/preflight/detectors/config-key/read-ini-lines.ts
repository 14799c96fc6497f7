export interface IniEntry {
  /** Full key: the section and the key joined with dots (`[dten.hybrid]` + `enable` → `dten.hybrid.enable`). */
  key: string;
  value: string;
  /** 0-based line index. */
  index: number;
  section: string;
  /** Where the value is written on its line, quotes included. */
  valueStart: number;
  valueEnd: number;
  quote: '' | '"' | "'";
  /** The text between key and value, such as ` = ` or `: `. */
  separator: string;
}

export interface IniSection {
  name: string;
  index: number;
}

const SECTION = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*([#;].*)?$/;
const ENTRY = /^(\s*)(?:export\s+)?("[^"]*"|'[^']*'|[^\s=:#;![][^=:]*)([=:]\s*)(.*)$/;

/** Reads properties, .env, INI and TOML lines: sections and `key = value` / `key: value` entries. */
export function readIniLines(lines: readonly string[]): { entries: IniEntry[]; sections: IniSection[] } {
  const entries: IniEntry[] = [];
  const sections: IniSection[] = [];
  let section = '';
  lines.forEach((line, index) => {
    if (/^\s*[#;!]/.test(line)) return;
    const header = SECTION.exec(line);
    if (header) {
      section = unquote(header[1] ?? '').replace(/\s*\.\s*/g, '.');
      sections.push({ name: section, index });
      return;
    }
    const match = ENTRY.exec(line);
    if (!match) return;
    const [, , written = '', operator = '', rest = ''] = match;
    const rawKey = written.trimEnd();
    const separator = written.slice(rawKey.length) + operator;
    const valueStart = line.length - rest.length;
    const { value, length, quote } = readValue(rest);
    const key = unquote(rawKey);
    entries.push({
      key: section ? `${section}.${key}` : key,
      value,
      index,
      section,
      valueStart,
      valueEnd: valueStart + length,
      quote,
      separator,
    });
  });
  return { entries, sections };
}

function readValue(rest: string): { value: string; length: number; quote: IniEntry['quote'] } {
  const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : '';
  if (quote) {
    const close = /^(["'])((?:\\.|(?!\1).)*)\1/.exec(rest);
    if (close) return { value: close[2] ?? '', length: close[0].length, quote };
  }
  const value = rest.replace(/\s+[#;].*$/, '').trimEnd();
  return { value, length: value.length, quote: '' };
}

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}
