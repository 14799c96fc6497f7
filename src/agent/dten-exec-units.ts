import type { ExecUnit } from './host/exec-service-adapter.js';

/** dten's own units, old and new name: both run the release's dten-server under the exec adapter. */
export const DTEN_UNITS = ['dten.service', 'dten-server.service'] as const;

export function dtenExecUnits(): Record<string, ExecUnit> {
  const program: ExecUnit = { program: 'bin/dten-server', config: 'dten.conf' };
  return Object.fromEntries(DTEN_UNITS.map((unit) => [unit, program]));
}
