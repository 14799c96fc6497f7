/** One parameter of a cmdlet, as PowerShell matches a name written in a script against it. */
export interface PowerShellParameter {
  /** As the documentation spells it: `TaskName`. */
  name: string;
  /** Lower-case: the name and its aliases. */
  names: readonly string[];
  isSwitch: boolean;
  /** A common parameter (`-Verbose`, `-ErrorAction`, …): a prefix it shares with one of the cmdlet's own binds that one. */
  common: boolean;
  /** The first PowerShell version that has it, when Windows PowerShell 5.1 does not. */
  since?: string;
}

/**
 * Every parameter of each cmdlet dten reads, from Microsoft's reference pages (Windows Server 2022 ScheduledTasks
 * module; PowerShell 5.1 and 7.x for the utility cmdlets): a name written as a prefix is matched against all of
 * them, so a missing one would make dten bind a prefix PowerShell refuses. `!` marks a switch, `|` an alias, `@` the
 * version that added it.
 */
const CMDLETS: Readonly<Record<string, string>> = {
  'Register-ScheduledTask':
    'TaskName TaskPath Action Description Settings Trigger User Password RunLevel InputObject Principal Xml Force!',
  'New-ScheduledTask': 'Action Description Principal Settings Trigger',
  'New-ScheduledTaskAction': 'Id Execute Argument WorkingDirectory',
  'New-ScheduledTaskTrigger':
    'At Once! Daily! Weekly! AtStartup! AtLogOn! DaysInterval DaysOfWeek WeeksInterval RandomDelay ' +
    'RepetitionInterval RepetitionDuration User',
  'New-ScheduledTaskPrincipal': 'UserId GroupId Id RunLevel ProcessTokenSidType RequiredPrivilege LogonType',
  'New-ScheduledTaskSettingsSet':
    'DisallowDemandStart! DisallowHardTerminate! Compatibility DeleteExpiredTaskAfter AllowStartIfOnBatteries! ' +
    'Disable! MaintenanceExclusive! Hidden! RunOnlyIfIdle! IdleWaitTimeout NetworkId NetworkName ' +
    'DisallowStartOnRemoteAppSession! MaintenancePeriod MaintenanceDeadline StartWhenAvailable! ' +
    'DontStopIfGoingOnBatteries! WakeToRun! IdleDuration RestartOnIdle! DontStopOnIdleEnd! ExecutionTimeLimit ' +
    'MultipleInstances Priority RestartCount RestartInterval RunOnlyIfNetworkAvailable!',
  'New-TimeSpan': 'Start|LastWriteTime End Days Hours Minutes Seconds Milliseconds@7.3',
  'Get-Date':
    'Date|LastWriteTime UnixTimeSeconds|UnixTime@7.1 Year Month Day Hour Minute Second Millisecond DisplayHint ' +
    'Format UFormat AsUTC!@7.1',
  // With the FileSystem provider's dynamic parameters (Delimiter to Stream), which bind like the cmdlet's own.
  'Get-Content':
    'Path LiteralPath|PSPath|LP ReadCount TotalCount|First|Head Tail|Last Filter Include Exclude Force! Credential ' +
    'Delimiter Wait! Raw! Encoding AsByteStream!@7.0 Stream',
  'Join-Path': 'Path|PSPath ChildPath AdditionalChildPath@7.0 Resolve! Credential Extension@7.7',
};

/** The ScheduledTasks cmdlets are CDXML: each also takes these. */
const CDXML = 'CimSession|Session ThrottleLimit AsJob!';
const COMMON =
  'Verbose!|vb Debug!|db ErrorAction|ea WarningAction|wa InformationAction|infa ErrorVariable|ev ' +
  'WarningVariable|wv InformationVariable|iv OutVariable|ov OutBuffer|ob PipelineVariable|pv ProgressAction|proga@7.4';
/** Windows PowerShell 5.1 adds it to cmdlets that support transactions; it binds outside the cmdlet's own set. */
const TRANSACTION = 'UseTransaction!|usetx';
const COMMAND_ALIASES: Readonly<Record<string, string>> = {
  gc: 'Get-Content',
  cat: 'Get-Content',
  type: 'Get-Content',
};
const ENTRY = /^([A-Za-z]+)(!?)((?:\|[A-Za-z]+)*)(?:@([\d.]+))?$/;

/** The parameters of a cmdlet dten reads, by its lower-case name or alias, with the name as documented. */
export const POWERSHELL_PARAMETERS: ReadonlyMap<
  string,
  { cmdlet: string; parameters: readonly PowerShellParameter[] }
> = buildTable();

function buildTable(): Map<string, { cmdlet: string; parameters: readonly PowerShellParameter[] }> {
  const table = new Map<string, { cmdlet: string; parameters: readonly PowerShellParameter[] }>();
  for (const [cmdlet, own] of Object.entries(CMDLETS)) {
    const extra = cmdlet.includes('ScheduledTask') ? CDXML : '';
    const common = cmdlet === 'Get-Content' || cmdlet === 'Join-Path' ? `${COMMON} ${TRANSACTION}` : COMMON;
    table.set(cmdlet.toLowerCase(), {
      cmdlet,
      parameters: [...readEntries(`${own} ${extra}`, false), ...readEntries(common, true)],
    });
  }
  for (const [alias, cmdlet] of Object.entries(COMMAND_ALIASES)) {
    const entry = table.get(cmdlet.toLowerCase());
    if (entry) table.set(alias, entry);
  }
  return table;
}

function readEntries(list: string, common: boolean): PowerShellParameter[] {
  return list
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const [, name = entry, switchMark, aliases = '', since] = ENTRY.exec(entry) ?? [];
      const names = [name, ...aliases.split('|').filter(Boolean)].map((each) => each.toLowerCase());
      return { name, names, isSwitch: switchMark === '!', common, ...(since === undefined ? {} : { since }) };
    });
}
