import type { Finding } from '../../../core/findings/finding.js';

export function describeUnparsableConfig(path: string, line: number, reason: string): Finding {
  return {
    category: 'config-key',
    severity: 'blocker',
    rule: 'config-key/unparsable',
    path,
    line,
    message: `This config file cannot be parsed (${reason} on line ${line}), so its keys could not be checked and the service may refuse it.`,
    remediation: 'Fix the syntax before installing, or ask the vendor for a corrected file.',
  };
}
