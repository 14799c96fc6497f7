import { POWERSHELL_PARAMETERS, type PowerShellParameter } from './powershell-parameters.js';
import type { PowerShellAmbiguity } from './powershell-value.js';

export interface ResolvedParameter {
  /** Lower-case: the full name of the parameter PowerShell binds the written name to, else the name as written. */
  key: string;
  /** Whether it takes no value; undefined when dten does not know the cmdlet or PowerShell binds no one parameter. */
  isSwitch?: boolean;
  ambiguity?: PowerShellAmbiguity;
}

/**
 * The parameter a name written in a script binds to, as PowerShell matches it (`MergedCommandParameterMetadata.
 * GetMatchingParameter`): an exact name or alias wins; else every parameter with a name or alias the written one
 * begins, case-insensitively; of several, the one the cmdlet declares itself when only one is not a common
 * parameter; else PowerShell refuses the name as ambiguous. A name no parameter matches stays as written: PowerShell
 * refuses it too, but a newer version may have added it, so dten does not say so.
 */
export function resolvePowerShellParameter(command: string, written: string): ResolvedParameter {
  const key = written.toLowerCase();
  const entry = POWERSHELL_PARAMETERS.get(command);
  if (!entry) return { key };
  const exact = entry.parameters.find((parameter) => parameter.names.includes(key));
  const matches = entry.parameters.filter((parameter) => parameter.names.some((name) => name.startsWith(key)));
  const bound = exact ?? pick(matches);
  if (bound) return { key: bound.name.toLowerCase(), isSwitch: bound.isSwitch };
  if (matches.length === 0) return { key };
  const ambiguity = { cmdlet: entry.cmdlet, written, candidates: matches.map((parameter) => `-${parameter.name}`) };
  // A parameter a later version added can make a prefix ambiguous only there: Windows PowerShell 5.1 still binds it.
  const older = pick(matches.filter((parameter) => parameter.since === undefined));
  if (older === undefined) return { key, ambiguity };
  const since = matches
    .flatMap((parameter) => parameter.since ?? [])
    .sort((first, second) => first.localeCompare(second, 'en', { numeric: true }))[0];
  return {
    key: older.name.toLowerCase(),
    isSwitch: older.isSwitch,
    ambiguity: { ...ambiguity, ...(since === undefined ? {} : { since }), binds: `-${older.name}` },
  };
}

function pick(matches: readonly PowerShellParameter[]): PowerShellParameter | undefined {
  if (matches.length === 1) return matches[0];
  const own = matches.filter((parameter) => !parameter.common);
  return own.length === 1 ? own[0] : undefined;
}
