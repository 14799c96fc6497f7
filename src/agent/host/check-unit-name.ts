import { unitNameProblem } from '../../core/manifest/unit-name-problem.js';
import { HostStepError } from './host-step-error.js';

/** A unit name reaches systemctl's argv: nothing that reads as an option, a glob or a path. */
export function checkUnitName(unit: string): string {
  if (unitNameProblem(unit) !== undefined) {
    throw new HostStepError('unsafe-name', { what: 'unit name', value: JSON.stringify(unit).slice(0, 80) });
  }
  return unit;
}
