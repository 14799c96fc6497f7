import type { Finding } from '../../../core/findings/finding.js';
import { agree, countHosts, describeHostVersions, listHosts } from './describe-hosts.js';
import { partitionHosts, type Inventory } from './partition-hosts.js';
import { satisfiesRange } from './read-installed-version.js';

type Located = Pick<Finding, 'path' | 'line'>;

/** Hosts whose version of a dependency is outside its range (blocker), missing it, or unreadable (warnings). */
export function checkComponentHosts(
  component: string,
  declared: string,
  range: string,
  inventory: Inventory,
  at: Located,
): Finding[] {
  const { missing, unreadable, readable } = partitionHosts(inventory, component);
  const failing = readable.filter((installed) => !satisfiesRange(installed, range));
  const base = { category: 'dependency' as const, ...at };
  const findings: Finding[] = [];
  if (failing.length > 0) {
    findings.push({
      ...base,
      severity: 'blocker',
      rule: 'dependency/unsatisfied',
      message: `${countHosts(failing.length)} ${agree(failing.length, 'runs', 'run')} ${component} outside the range this package needs ("${declared}"): ${describeHostVersions(failing)}.`,
      remediation: `Bring ${component} on those hosts into "${declared}" before the window, or leave the hosts out of this rollout.`,
    });
  }
  if (missing.length > 0) {
    findings.push({
      ...base,
      severity: 'warning',
      rule: 'dependency/not-installed',
      message: `${countHosts(missing.length)} in the inventory ${agree(missing.length, 'has', 'have')} no ${component}, which this package depends on ("${declared}"): ${listHosts(missing)}.`,
      remediation: `Check whether ${component} runs elsewhere for those hosts (a separate server) or under another name; if the package needs it locally, install it first.`,
    });
  }
  if (unreadable.length > 0) {
    findings.push({
      ...base,
      severity: 'warning',
      rule: 'dependency/unreadable-version',
      message: `The inventory gives ${component} versions that do not read as versions on ${countHosts(unreadable.length)}: ${describeHostVersions(unreadable)}; they were not checked against "${declared}".`,
      remediation: 'Correct those inventory entries (a version such as 16.2) and run the preflight again.',
    });
  }
  return findings;
}
