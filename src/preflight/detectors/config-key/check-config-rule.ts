import type { Finding } from '../../../core/findings/finding.js';
import { maskSecret } from '../../../core/findings/mask-secret.js';
import type { ConfigRule } from '../../policy.js';
import { describeConfigEdit } from './describe-config-edit.js';
import { looselyEquals } from './loosely-equals.js';
import type { ConfigSetting } from './parse-config-text.js';

export interface ParsedConfig {
  /** Display path of the file in the package. */
  path: string;
  name: string;
  text: string;
  settings: Map<string, ConfigSetting>;
}

const SECRET_KEY = /passw|secret|token|credential|private|api[_.-]?key/i;

/** The finding for one rule in one config file, or undefined when the file obeys it. */
export function checkConfigRule(rule: ConfigRule, config: ParsedConfig): Finding | undefined {
  const setting = config.settings.get(rule.key);
  const base = { category: 'config-key' as const, severity: rule.severity, path: config.path };
  if (rule.kind === 'removed') {
    if (setting === undefined) return undefined;
    return {
      ...base,
      rule: 'config-key/removed-key',
      line: setting.line,
      message: `${rule.key} is still set here: ${rule.consequence}.`,
      remediation: `Delete the ${rule.key} line (line ${setting.line}) from ${config.name} before installing.`,
    };
  }
  if (rule.value === undefined || (setting && looselyEquals(setting.value, rule.value))) return undefined;
  const edit = describeConfigEdit(config.name, config.text, rule.key, rule.value).join('\n');
  if (setting === undefined) {
    return {
      ...base,
      rule: 'config-key/missing-key',
      message: `${rule.key} is not set in ${config.name}: ${rule.consequence}.`,
      remediation: `Add to ${config.name}:\n${edit}`,
    };
  }
  const shown = SECRET_KEY.test(rule.key) ? maskSecret(setting.value) : `"${setting.value}"`;
  return {
    ...base,
    rule: 'config-key/wrong-value',
    line: setting.line,
    message: `${rule.key} is ${shown} here but must be ${String(rule.value)}: ${rule.consequence}.`,
    remediation: `Change line ${setting.line} of ${config.name} to:\n${edit}`,
    evidence: `${rule.key} = ${shown}`,
  };
}
