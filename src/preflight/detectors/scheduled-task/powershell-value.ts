/** A value as a PowerShell script writes it, read without running anything; `raw` is the text as written. */
export type PowerShellValue =
  /** A literal: a bare word (`3am`, `SYSTEM`), a quoted string's text, a number. */
  | { type: 'text'; text: string; raw: string }
  /** Lower-case, scope dropped: `$Script:Trigger` is `trigger`. */
  | { type: 'variable'; name: string; raw: string }
  | { type: 'command'; command: PowerShellCommand; raw: string }
  /** `Monday,Friday`, `@($t1, $t2)`. */
  | { type: 'list'; items: PowerShellValue[]; raw: string }
  /** `@{ TaskName = 'Backup' }`, by lower-case key. */
  | { type: 'table'; entries: Map<string, PowerShellValue>; raw: string }
  /**
   * Anything worked out as the script runs: `(Get-Date).AddMinutes(5)`, `[TimeSpan]::MaxValue`, `$a + $b`.
   * `member` is set for one property read (`(New-ScheduledTaskTrigger …).Repetition`): its owner and lower-case name.
   */
  | { type: 'other'; raw: string; member?: { of: PowerShellValue; name: string } };

export interface PowerShellCommand {
  /** Lower-case: PowerShell names are case-insensitive. */
  name: string;
  /** Parameters by lower-case full name (an abbreviation PowerShell binds is spelled out); a switch is `true`. */
  named: Map<string, PowerShellValue | true>;
  positional: PowerShellValue[];
  /** The variables splatted into it (`@params`), lower-case. */
  splats: string[];
  /** What the pipeline feeds it: `New-ScheduledTask … | Register-ScheduledTask`. */
  input?: PowerShellValue;
  /** Parameter names PowerShell refuses as ambiguous (`-D` on New-ScheduledTaskTrigger); kept as written in `named`. */
  ambiguous?: PowerShellAmbiguity[];
  /**
   * Property assignments after it was made that dten does not follow: how many, and the first few as written with
   * their line (a script can repeat one without end; the finding names a few).
   */
  changes?: { count: number; first: string[] };
}

/**
 * More parameter names than any cmdlet dten reads takes (42, common ones included), or keys than a splat for one
 * holds. A command or hashtable is copied, or spread into one, on each statement that changes or splats it: an
 * unbounded one would make reading a long script quadratic.
 */
const MAX_KEYS = 64;

/**
 * Sets `key` unless the map holds MAX_KEYS others already and it is not `bound` (a parameter PowerShell binds the
 * name to): only names PowerShell refuses are left out. A later value for a key the map holds still wins.
 */
export function setKey<T>(map: Map<string, T>, key: string, value: T, bound = false): void {
  if (bound || map.size < MAX_KEYS || map.has(key)) map.set(key, value);
}

/** A parameter name that is the start of several of a cmdlet's parameters. */
export interface PowerShellAmbiguity {
  /** As documented: `New-ScheduledTaskTrigger`. */
  cmdlet: string;
  /** Without its dash, as written: `D`. */
  written: string;
  /** What PowerShell lists: `-Daily`, `-DaysInterval`, … */
  candidates: string[];
  /** Set when only PowerShell from this version on refuses it, Windows PowerShell 5.1 binding it to `binds`. */
  since?: string;
  binds?: string;
}

/** An assignment or a command of a script, `offset` being where it starts in the statement text. */
export type PowerShellEvent = { offset: number } & (
  | {
      kind: 'assignment';
      name: string;
      value: PowerShellValue;
      /** Set for `$trigger.Repetition = …`: the lower-case property path (`[0]` for an index) and the target as written. */
      member?: { path: string[]; written: string };
    }
  | { kind: 'command'; command: PowerShellCommand }
);
