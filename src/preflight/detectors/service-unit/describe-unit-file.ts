import type { Finding } from '../../../core/findings/finding.js';
import type { FileMeta } from '../../detector.js';

const DECLARABLE_FILE = /\.(service|timer)$/;

/** A `.service`/`.timer` file in the package that the manifest does not declare: info, or a warning for an old name. */
export function describeUnitFile(
  meta: FileMeta,
  declared: ReadonlySet<string>,
  renamed: ReadonlyMap<string, string>,
): Finding[] {
  const unit = meta.name.split('/').pop() ?? meta.name;
  if (!DECLARABLE_FILE.test(unit) || declared.has(unit)) return [];
  const renamedTo = renamed.get(unit);
  const base = { category: 'service-unit' as const, path: meta.path };
  if (renamedTo) {
    return [
      {
        ...base,
        severity: 'warning',
        rule: 'service-unit/old-unit-file',
        message: `The package ships ${unit}, the unit's old name (it is now ${renamedTo}): installing it would bring the old unit back beside the new one.`,
        remediation: `Remove it from the install, unless only the rollback uses it.`,
      },
    ];
  }
  return [
    {
      ...base,
      severity: 'info',
      rule: 'service-unit/undeclared-unit-file',
      message: `The package ships the unit ${unit}, which the manifest does not list among its services.`,
      remediation: `Check with the vendor whether the install enables it; if it does, it belongs in manifest.json services so the rollout watches it.`,
    },
  ];
}
