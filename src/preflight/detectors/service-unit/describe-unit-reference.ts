import type { Finding } from '../../../core/findings/finding.js';

/** A unit reference of one file, gathered over its lines: the first is shown, the rest counted. */
export interface GatheredReference {
  rule: 'renamed-unit' | 'renamed-unit-in-rollback' | 'undeclared-unit';
  unit: string;
  /** The new name, for renamed units. */
  renamedTo: string | undefined;
  action: string;
  path: string;
  line: number;
  inUnitFile: boolean;
  evidence: string;
  mentions: number;
}

export function describeUnitReference(reference: GatheredReference, version: string): Finding {
  const { unit, renamedTo = '' } = reference;
  const does = reference.action.endsWith('=')
    ? `names ${unit} in ${reference.action}`
    : `runs "${reference.action}" on ${unit}`;
  const what = `This ${reference.inUnitFile ? 'unit' : 'script'} ${does}`;
  const more =
    reference.mentions > 1
      ? ` (and ${reference.mentions - 1} more time${reference.mentions === 2 ? '' : 's'} in this file)`
      : '';
  const base = {
    category: 'service-unit' as const,
    rule: `service-unit/${reference.rule}`,
    path: reference.path,
    line: reference.line,
    evidence: reference.evidence,
  };
  if (reference.rule === 'renamed-unit') {
    return {
      ...base,
      severity: 'blocker',
      message: `${what}${more}, but the unit was renamed to ${renamedTo} in version ${version}; this script would act on a unit that no longer exists.`,
      remediation: `Replace ${unit} with ${renamedTo} on line ${reference.line}${more ? ' and the other mentions in this file' : ''} before installing.`,
    };
  }
  if (reference.rule === 'renamed-unit-in-rollback') {
    return {
      ...base,
      severity: 'info',
      message: `The rollback script ${does}${more}, the name the unit had before version ${version}, as expected when going back.`,
      remediation: `Nothing to do, as long as it stops ${renamedTo} before starting ${unit} again.`,
    };
  }
  return {
    ...base,
    severity: 'warning',
    message: `${what}${more}, which the manifest does not list among its services: the rollout will neither watch it nor roll it back.`,
    remediation: `Ask the vendor whether ${unit} is part of the upgrade: declare it in manifest.json services, or plan for it in the window.`,
  };
}
