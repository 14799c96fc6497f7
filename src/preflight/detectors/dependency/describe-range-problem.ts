import type { Finding } from '../../../core/findings/finding.js';
import type { RangeClass } from './classify-range.js';
import { describeHostVersions } from './describe-hosts.js';
import { partitionHosts, type Inventory } from './partition-hosts.js';

type Located = Pick<Finding, 'path' | 'line'>;

/** A loose range (warning, with what production runs when known) or one semver cannot read (manifest warning). */
export function describeRangeProblem(
  component: string,
  declared: string,
  range: RangeClass,
  inventory: Inventory | undefined,
  at: Located,
): Finding[] {
  if (range.kind === 'invalid') {
    return [
      {
        category: 'manifest',
        severity: 'warning',
        rule: 'manifest/invalid-dependency-range',
        ...at,
        message: `The manifest gives ${component} the range "${declared}", which is not a range dten can read, so no host was checked against it.`,
        remediation: `Ask the vendor what they mean, and write it as a semver range in your copy of the manifest (for example ">=13 <17").`,
      },
    ];
  }
  if (range.kind !== 'loose') return [];
  const running = inventory ? partitionHosts(inventory, component).readable : [];
  const production = running.length > 0 ? ` Production runs ${describeHostVersions(running)}.` : '';
  return [
    {
      category: 'dependency',
      severity: 'warning',
      rule: 'dependency/loose-range',
      ...at,
      message: `The manifest lets ${component} be ${range.meaning} ("${declared}"): it does not say which versions the vendor tested, so a host on an untested version passes unnoticed.${production}`,
      remediation: `Ask the vendor which ${component} versions they tested, and pin it with a lower and an upper bound (for example ">=1.2.0 <2") in your copy of the manifest before approving.`,
    },
  ];
}
