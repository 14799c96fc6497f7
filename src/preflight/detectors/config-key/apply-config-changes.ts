import type { ConfigValue } from '../../../core/manifest/manifest-schema.js';
import { detectConfigFormat } from './detect-config-format.js';
import { editIniText } from './edit-ini-text.js';
import { editJsonText } from './edit-json-text.js';
import { editYamlText } from './edit-yaml-text.js';

/**
 * Sets and removes dotted keys in a config text, preserving comments and layout. `name` picks the format
 * as parseConfigText does (the text is sniffed when the name does not say). Throws JsonSyntaxError on broken JSON.
 */
export function applyConfigChanges(
  text: string,
  set: Readonly<Record<string, ConfigValue>>,
  remove: readonly string[],
  name = '',
): string {
  const format = detectConfigFormat(name, text);
  if (format === 'json') return editJsonText(text, set, remove);
  if (format === 'yaml') return editYamlText(text, set, remove);
  return editIniText(text, set, remove, /\.toml$/i.test(name) ? '"' : '');
}
