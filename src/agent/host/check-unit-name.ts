import { HostStepError } from './host-step-error.js';

const UNIT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]*\.(service|timer|socket|target|path|mount)$/;

/** A unit name reaches systemctl's argv: nothing that reads as an option, a glob or a path. */
export function checkUnitName(unit: string): string {
  if (!UNIT_NAME.test(unit) || unit.length > 255) {
    throw new HostStepError('unsafe-name', { what: 'unit name', value: JSON.stringify(unit).slice(0, 80) });
  }
  return unit;
}
