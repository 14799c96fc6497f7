import type { Finding } from '../../../core/findings/finding.js';
import type { ConfigRule } from '../../policy.js';
import { checkConfigRule, type ParsedConfig } from './check-config-rule.js';

/** Every config file that sets a policy key must set it right; when none sets it, the first named file is told to. */
export function checkAcrossFiles(rule: ConfigRule, parsed: readonly ParsedConfig[]): Finding[] {
  const setting = parsed.filter((config) => config.settings.has(rule.key));
  if (setting.length > 0) return setting.flatMap((config) => checkConfigRule(rule, config) ?? []);
  const first = parsed[0] && checkConfigRule(rule, parsed[0]);
  if (parsed.length > 0) return first ? [first] : [];
  if (rule.kind === 'removed') return [];
  return [
    {
      category: 'config-key',
      severity: 'info',
      rule: 'config-key/unchecked',
      path: '',
      message: `The manifest names no config file, so ${rule.key} could not be checked in the package: ${rule.consequence}.`,
      remediation: `Check ${rule.key} = ${String(rule.value)} on the hosts before the rollout.`,
    },
  ];
}
