import type { ConfigValue } from '../../../core/manifest/manifest-schema.js';

const YAML_NEEDS_QUOTES =
  /^$|^\s|\s$|[:#]\s|:$|^[-?:,[\]{}#&*!|>'"%@`]|^(true|false|yes|no|on|off|null|~|[-+.\d][\d._eE+-]*)$/i;

/** Writes a value the way the file writes its values: in the same quotes when it had some. */
export function formatConfigValue(value: ConfigValue, quote: '' | '"' | "'", format: 'ini' | 'yaml'): string {
  if (typeof value !== 'string') return String(value);
  if (quote === '"') return JSON.stringify(value);
  if (quote === "'") return `'${value.replace(/'/g, format === 'yaml' ? "''" : "\\'")}'`;
  return format === 'yaml' && YAML_NEEDS_QUOTES.test(value) ? JSON.stringify(value) : value;
}
