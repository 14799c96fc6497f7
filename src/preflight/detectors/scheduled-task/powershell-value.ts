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
  /** Anything worked out as the script runs: `(Get-Date).AddMinutes(5)`, `[TimeSpan]::MaxValue`, `$a + $b`. */
  | { type: 'other'; raw: string };

export interface PowerShellCommand {
  /** Lower-case: PowerShell names are case-insensitive. */
  name: string;
  /** Parameters by lower-case name; a switch (`-Daily`) is `true`. */
  named: Map<string, PowerShellValue | true>;
  positional: PowerShellValue[];
  /** The variables splatted into it (`@params`), lower-case. */
  splats: string[];
  /** What the pipeline feeds it: `New-ScheduledTask … | Register-ScheduledTask`. */
  input?: PowerShellValue;
}

/** An assignment or a command of a script, `offset` being where it starts in the statement text. */
export type PowerShellEvent = { offset: number } & (
  { kind: 'assignment'; name: string; value: PowerShellValue } | { kind: 'command'; command: PowerShellCommand }
);
