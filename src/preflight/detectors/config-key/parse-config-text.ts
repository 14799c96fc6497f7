import { detectConfigFormat } from './detect-config-format.js';
import { createLineLookup, indexJsonTree } from './index-json-tree.js';
import { parseJsonTree } from './parse-json-tree.js';
import { readIniLines } from './read-ini-lines.js';
import { readYamlLines } from './read-yaml-lines.js';

export interface ConfigSetting {
  /** The value as text, quotes removed (`true`, `8080`, `hybrid`). */
  value: string;
  /** 1-based line of the key. */
  line: number;
}

/**
 * Settings of a config file by dotted key: properties/.env, INI/TOML sections, YAML (flat or nested) and
 * JSON (flattened). A key set twice keeps its last value. Throws JsonSyntaxError on broken JSON.
 */
export function parseConfigText(name: string, text: string): Map<string, ConfigSetting> {
  const settings = new Map<string, ConfigSetting>();
  const format = detectConfigFormat(name, text);
  if (format === 'json') {
    const lineOf = createLineLookup(text);
    for (const [key, { node, member }] of indexJsonTree(parseJsonTree(text))) {
      if (node.kind !== 'value') continue;
      settings.set(key, { value: String(node.value), line: lineOf(member?.keyStart ?? node.start) });
    }
    return settings;
  }
  const lines = text.split(/\r?\n/);
  const entries =
    format === 'yaml' ? readYamlLines(lines).filter((entry) => !entry.parent) : readIniLines(lines).entries;
  for (const entry of entries) settings.set(entry.key, { value: entry.value, line: entry.index + 1 });
  return settings;
}
