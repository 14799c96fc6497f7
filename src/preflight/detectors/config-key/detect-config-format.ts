/** `ini` covers key = value and key: value properties, .env files, INI and TOML sections. */
export type ConfigFormat = 'ini' | 'yaml' | 'json';

const BY_EXTENSION: Record<string, ConfigFormat> = {
  json: 'json',
  jsonc: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'ini',
  ini: 'ini',
  properties: 'ini',
  env: 'ini',
};

/** Picks the format from the file name, or from the text when the name does not say (`.conf`, `.cfg`, none). */
export function detectConfigFormat(name: string, text: string): ConfigFormat {
  const base = name.split(/[/!]/).pop() ?? '';
  const known = BY_EXTENSION[base.includes('.') ? (base.split('.').pop() ?? '').toLowerCase() : ''];
  if (known) return known;
  if (base.startsWith('.env')) return 'ini';
  if (/^\s*(\{|\[\s*[[{"\d\]-])/.test(text)) return 'json';
  const lines = text.split(/\r?\n/).filter((line) => !/^\s*([#;]|$)/.test(line));
  const nested = lines.some((line, index) => /:\s*$/.test(line) && /^\s+\S/.test(lines[index + 1] ?? ''));
  const assigned = lines.some((line) => /^\s*[\w.-]+\s*=/.test(line) || /^\s*\[/.test(line));
  return nested || (!assigned && lines.some((line) => /^\s*[\w.-]+:\s/.test(line))) ? 'yaml' : 'ini';
}
