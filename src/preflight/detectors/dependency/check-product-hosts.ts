import semver from 'semver';
import type { Finding } from '../../../core/findings/finding.js';
import type { Manifest } from '../../../core/manifest/manifest-schema.js';
import { agree, countHosts, describeHostVersions, listHosts } from './describe-hosts.js';
import { partitionHosts, type Inventory } from './partition-hosts.js';
import { satisfiesRange } from './read-installed-version.js';

/** The product on each host (inventory key = manifest name) against `upgradeFrom` and the package version. */
export function checkProductHosts(
  manifest: Manifest,
  inventory: Inventory,
  at: Pick<Finding, 'path' | 'line'>,
): Finding[] {
  const { name, version, upgradeFrom } = manifest;
  const target = semver.coerce(version);
  const { missing, unreadable, readable } = partitionHosts(inventory, name);
  const current = readable.filter((installed) => target && installed.version && semver.eq(installed.version, target));
  const blocked = readable.filter(
    (installed) => !current.includes(installed) && !satisfiesRange(installed, upgradeFrom),
  );
  const newer = blocked.filter((installed) => target && installed.version && semver.gt(installed.version, target));
  const base = { category: 'dependency' as const, ...at };
  const findings: Finding[] = [];
  if (blocked.length > 0) {
    const downgrade =
      newer.length > 0
        ? ` ${listHosts(newer.map((item) => item.host))} ${agree(newer.length, 'already runs', 'already run')} a newer version, so installing would downgrade ${agree(newer.length, 'it', 'them')}.`
        : '';
    findings.push({
      ...base,
      severity: 'blocker',
      rule: 'dependency/upgrade-path',
      message: `${countHosts(blocked.length)} ${agree(blocked.length, 'runs', 'run')} ${name} versions this package cannot upgrade from (it needs "${upgradeFrom}"): ${describeHostVersions(blocked)}.${downgrade}`,
      remediation: `Take those hosts to a version in "${upgradeFrom}" first, following the vendor's upgrade path, or leave them out of this rollout.`,
    });
  }
  if (missing.length + unreadable.length > 0) {
    const unknown = [...missing, ...unreadable.map((item) => `${item.host} ("${item.raw}")`)];
    const which =
      readable.length + unreadable.length === 0
        ? `The inventory records no ${name} version for any of its ${countHosts(missing.length)}, so none was checked against "${upgradeFrom}".`
        : `The inventory does not say which ${name} version ${countHosts(unknown.length)} ${agree(unknown.length, 'runs', 'run')}: ${listHosts(unknown)}. This package upgrades from "${upgradeFrom}"; it is not a fresh install.`;
    findings.push({
      ...base,
      severity: 'warning',
      rule: 'dependency/product-version-unknown',
      message: which,
      remediation: `Record the installed ${name} version of each target host in the inventory (key "${name}"), or leave those hosts out of the targets.`,
    });
  }
  if (current.length > 0) {
    findings.push({
      ...base,
      severity: 'info',
      rule: 'dependency/already-current',
      message: `${countHosts(current.length)} already ${agree(current.length, 'runs', 'run')} ${name} ${version}: ${listHosts(current.map((item) => item.host))}; the upgrade has nothing to do there.`,
      remediation: 'Leave them out of the rollout targets, unless you mean to re-apply the package.',
    });
  }
  return findings;
}
