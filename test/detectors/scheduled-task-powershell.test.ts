import { describe, it, expect } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { taskXml, utf16 } from './build-task-xml.js';
import { preflightPackage } from './preflight-package.js';
import { runDetectorFiles } from './run-detector-files.js';
import { runTextDetector, textFile } from './run-text-detector.js';

const SCRIPT = 'scripts/install.ps1';

const scan = (script: string, path = SCRIPT) => runTextDetector(createScheduledTaskDetector, { [path]: script });

const located = (findings: readonly Finding[]): string[] =>
  findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`);

const messagesOf = async (script: string): Promise<string[]> => located(await scan(script));

const weeklyXml = taskXml(
  '<CalendarTrigger><StartBoundary>2026-01-01T02:30:00</StartBoundary><ScheduleByWeek><DaysOfWeek><Sunday/></DaysOfWeek>' +
    '<WeeksInterval>1</WeeksInterval></ScheduleByWeek></CalendarTrigger>',
  '<Exec><Command>C:\\Program Files\\dten\\compact.exe</Command><Arguments>--all</Arguments></Exec>',
);

describe('scheduled-task detector on PowerShell Register-ScheduledTask', () => {
  it('when a script registers a task from an action and a trigger kept in variables, the warning says what runs, as whom and when, and how to pause it', async () => {
    const ps1 = [
      '$ErrorActionPreference = "Stop"',
      "$action = New-ScheduledTaskAction -Execute 'C:\\dten\\backup.exe' -Argument '--full' -WorkingDirectory 'C:\\dten'",
      '$trigger = New-ScheduledTaskTrigger -Daily -At 3am',
      "Register-ScheduledTask -TaskName 'Dten Backup' -Action $action -Trigger $trigger -User SYSTEM -Force",
    ].join('\r\n');
    const findings = await scan(ps1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'scheduled-task',
      severity: 'warning',
      rule: 'scheduled-task/windows-task',
      path: SCRIPT,
      line: 4,
      evidence: 'New-ScheduledTaskTrigger -Daily -At 3am',
    });
    expect(findings[0]?.message).toBe(
      'This script registers the Windows scheduled task "Dten Backup", which runs "C:\\dten\\backup.exe --full" as SYSTEM every day at 03:00.',
    );
    expect(findings[0]?.remediation).toBe(
      'Pause it for the maintenance window (Disable-ScheduledTask -TaskName "Dten Backup", then Enable-ScheduledTask ' +
        '-TaskName "Dten Backup") and restore it afterwards; dten\'s install pauses it and its cleanup restores it.',
    );
  });

  it.each([
    ['-Daily -At 3am', 'every day at 03:00'],
    ['-Daily -DaysInterval 3 -At 22:00', 'every 3 days at 22:00'],
    ["-Daily -At '3:30 PM'", 'every day at 15:30'],
    [
      '-Daily -At 2am -RandomDelay (New-TimeSpan -Minutes 30)',
      'every day at 02:00, with a random delay of up to 30 minutes',
    ],
    ["-Daily -At 2am -RandomDelay '01:30:00'", 'every day at 02:00, with a random delay of up to 1 hour 30 minutes'],
    ['-Weekly -DaysOfWeek Monday,Friday -At 02:00', 'every week on Monday, Friday at 02:00'],
    ['-Weekly -WeeksInterval 2 -DaysOfWeek Sunday -At "2026-01-01 02:30"', 'every 2 weeks on Sunday at 02:30'],
    ["-Weekly -DaysOfWeek 'Saturday', 'Sunday' -At 4am", 'every week on Saturday, Sunday at 04:00'],
    [
      '-Weekly -DaysOfWeek Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday -At 4am',
      'every day of the week at 04:00',
    ],
    ['-Once -At "2026-01-01 02:30"', 'once at 02:30 on 2026-01-01'],
    ["-Once -At (Get-Date '2026-01-01 02:30')", 'once at 02:30 on 2026-01-01'],
    ['-Once -At 3am', 'once at 03:00 on the day the script runs'],
    [
      "-Once -At '2026-01-01T06:00:00' -RepetitionInterval (New-TimeSpan -Minutes 15) -RepetitionDuration (New-TimeSpan -Hours 12)",
      'once at 06:00 on 2026-01-01, repeating every 15 minutes for 12 hours',
    ],
    [
      '-Once -At 06:00 -RepetitionInterval (New-TimeSpan -Hours 1) -RepetitionDuration ([TimeSpan]::MaxValue)',
      'once at 06:00 on the day the script runs, repeating every hour',
    ],
    ['-Once -At (Get-Date).AddMinutes(5)', 'once at the time that (Get-Date).AddMinutes(5) gives when the script runs'],
    ['-Daily -At $StartTime', 'every day at the time in $StartTime, which dten cannot read from the script'],
    [
      '-Once -At 4am -RepetitionInterval $Every',
      'once at 04:00 on the day the script runs, repeating at an interval which dten cannot read from the script ($Every)',
    ],
    ['-AtStartup', 'at every system start-up'],
    [
      '-AtStartup -RandomDelay (New-TimeSpan -Minutes 5)',
      'at every system start-up, with a random delay of up to 5 minutes',
    ],
    ['-AtLogOn', 'whenever a user logs on'],
    ["-AtLogOn -User 'CORP\\svc-dten'", 'whenever CORP\\svc-dten logs on'],
  ])('New-ScheduledTaskTrigger %s is worded as "%s"', async (trigger, words) => {
    const ps1 = `Register-ScheduledTask -TaskName Job -Action (New-ScheduledTaskAction -Execute job.cmd) -Trigger (New-ScheduledTaskTrigger ${trigger})\n`;
    expect(await messagesOf(ps1)).toEqual([
      `${SCRIPT}:1 This script registers the Windows scheduled task "Job", which runs "job.cmd" ${words}.`,
    ]);
  });

  it('when a trigger is no New-ScheduledTaskTrigger, or sits in a variable the script never sets, the warning says dten cannot tell', async () => {
    const ps1 = [
      '$class = Get-CimClass -ClassName MSFT_TaskEventTrigger -Namespace Root/Microsoft/Windows/TaskScheduler',
      '$onEvent = New-CimInstance -CimClass $class -ClientOnly',
      'Register-ScheduledTask Job -Action (New-ScheduledTaskAction job.cmd) -Trigger $onEvent, $Nightly',
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      `${SCRIPT}:3 This script registers the Windows scheduled task "Job", which runs "job.cmd" on a trigger dten does ` +
        'not put in words (New-CimInstance -CimClass $class -ClientOnly); and on the trigger in $Nightly, which dten ' +
        'cannot read from the script.',
    ]);
  });

  it("when triggers and actions come as arrays over backtick-continued lines, each is named, the account comes from the principal, and the line is the command's", async () => {
    const ps1 = [
      'param([string]$Name = "Dten Sync")',
      '$nightly = New-ScheduledTaskTrigger -Daily -At "02:00"',
      '$boot = New-ScheduledTaskTrigger -AtStartup',
      '$sync = New-ScheduledTaskAction -Execute "C:\\dten\\sync.exe" -Argument "--all"',
      '$report = New-ScheduledTaskAction "C:\\dten\\report.cmd"',
      '$principal = New-ScheduledTaskPrincipal -UserId "S-1-5-18" -LogonType ServiceAccount -RunLevel Highest',
      '',
      'Register-ScheduledTask -TaskName $Name `',
      '    -Action $sync, $report `',
      '    -Trigger @($nightly, $boot) `',
      '    -Principal $principal `',
      '    -Settings (New-ScheduledTaskSettingsSet -StartWhenAvailable) | Out-Null',
    ].join('\r\n');
    const findings = await scan(ps1);
    expect(located(findings)).toEqual([
      `${SCRIPT}:8 This script registers the Windows scheduled task "Dten Sync", which runs "C:\\dten\\sync.exe --all; ` +
        'C:\\dten\\report.cmd" as SYSTEM every day at 02:00; and at every system start-up.',
    ]);
    expect(findings[0]?.evidence).toBe(
      'New-ScheduledTaskTrigger -Daily -At "02:00"; New-ScheduledTaskTrigger -AtStartup',
    );
  });

  it('when the task is given by position, in a folder, inside an if block, and registered disabled, the pause names its folder', async () => {
    const ps1 = [
      'if (-not (Get-ScheduledTask -TaskName Purge -ErrorAction SilentlyContinue)) {',
      "    Register-ScheduledTask 'Purge' '\\Dten\\' -Action (New-ScheduledTaskAction -Execute purge.cmd) `",
      '        -Trigger (New-ScheduledTaskTrigger -Weekly -DaysOfWeek Sunday -At 23:00) `',
      '        -Settings (New-ScheduledTaskSettingsSet -Disable)',
      '}',
    ].join('\n');
    const findings = await scan(ps1);
    expect(located(findings)).toEqual([
      `${SCRIPT}:2 This script registers the Windows scheduled task "\\Dten\\Purge", which runs "purge.cmd" only once someone ` +
        'enables it (its -Settings register it disabled), then every week on Sunday at 23:00.',
    ]);
    expect(findings[0]?.remediation).toContain(
      'Disable-ScheduledTask -TaskName "Purge" -TaskPath "\\Dten\\", then Enable-ScheduledTask -TaskName "Purge" -TaskPath "\\Dten\\"',
    );
  });

  it('when the parameters are splatted from a hashtable, or the task comes from New-ScheduledTask, it is read the same way', async () => {
    const ps1 = [
      '$params = @{',
      "    TaskName = 'Dten Splat'",
      '    Action   = New-ScheduledTaskAction -Execute splat.cmd',
      '    Trigger  = New-ScheduledTaskTrigger -AtLogOn',
      "    User     = 'NT AUTHORITY\\NETWORK SERVICE'",
      '}',
      'Register-ScheduledTask @params',
      '$task = New-ScheduledTask -Action (New-ScheduledTaskAction piped.cmd) -Trigger (New-ScheduledTaskTrigger -AtStartup)',
      'Register-ScheduledTask -TaskName "Dten Object" -InputObject $task',
      'New-ScheduledTask -Action (New-ScheduledTaskAction chained.cmd) | Register-ScheduledTask -TaskName "Dten Piped"',
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      `${SCRIPT}:7 This script registers the Windows scheduled task "Dten Splat", which runs "splat.cmd" as ` +
        'NT AUTHORITY\\NETWORK SERVICE whenever a user logs on.',
      `${SCRIPT}:9 This script registers the Windows scheduled task "Dten Object", which runs "piped.cmd" at every system start-up.`,
      `${SCRIPT}:10 This script registers the Windows scheduled task "Dten Piped", which runs "chained.cmd" only when ` +
        'started by hand (it has no triggers).',
    ]);
  });

  it('when an action argument holds a password, the warning masks it as it does for schtasks', async () => {
    const ps1 =
      '$a = New-ScheduledTaskAction -Execute \'C:\\dten\\sync.exe\' -Argument "--password hunter2hunter2 --all"\n' +
      'Register-ScheduledTask -TaskName Sync -Action $a -Trigger (New-ScheduledTaskTrigger -AtStartup)\n';
    const findings = await scan(ps1);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('which runs "C:\\dten\\sync.exe --password ');
    expect(JSON.stringify(findings)).not.toContain('hunter2hunter2');
  });

  it('when the only scheduling word in a script is Register-ScheduledTask, the cheap first pass still lets it be read', async () => {
    const ps1 =
      'Register-ScheduledTask -TaskName Boot -Action (New-ScheduledTaskAction boot.cmd) -Trigger (New-ScheduledTaskTrigger -AtStartup)\n';
    expect(ps1).not.toMatch(/crontab|schtasks|\bat\b|\bbatch\b/i);
    expect(await messagesOf(ps1)).toEqual([
      `${SCRIPT}:1 This script registers the Windows scheduled task "Boot", which runs "boot.cmd" at every system start-up.`,
    ]);
  });

  it('only Register-ScheduledTask is reported: not Unregister/Get/Disable/Enable/Set, comments, help examples, strings or documentation', async () => {
    const ps1 = [
      '<#',
      '.SYNOPSIS',
      '  Installs the nightly job.',
      '.EXAMPLE',
      '  Register-ScheduledTask -TaskName Example -Action $a -Trigger $t',
      '#>',
      '# Register-ScheduledTask -TaskName Commented -Action $a -Trigger $t',
      'Unregister-ScheduledTask -TaskName Nightly -Confirm:$false -ErrorAction SilentlyContinue',
      'Get-ScheduledTask -TaskName Nightly | Disable-ScheduledTask',
      'Enable-ScheduledTask -TaskName Nightly; Set-ScheduledTask -TaskName Nightly -Trigger $t',
      'Write-Host "To re-create it by hand, run Register-ScheduledTask -TaskName Manual -Xml (Get-Content x.xml)"',
      "$usage = 'Register-ScheduledTask -TaskName Usage'",
      '$help = @"',
      'Register-ScheduledTask -TaskName HereString -Action $a',
      '"@',
      'Register-ScheduledTask -TaskName Nightly -Action (New-ScheduledTaskAction nightly.cmd) -Trigger (New-ScheduledTaskTrigger -Daily -At 1am) # the real one',
    ].join('\r\n');
    const findings = await runTextDetector(createScheduledTaskDetector, {
      [SCRIPT]: ps1,
      'README.md': 'Run `Register-ScheduledTask -TaskName Docs -Xml (Get-Content task.xml | Out-String)` to add it.\n',
      'docs/windows.ps1': 'Register-ScheduledTask -TaskName DocsScript -Action (New-ScheduledTaskAction x.cmd)\n',
    });
    expect(located(findings)).toEqual([
      `${SCRIPT}:16 This script registers the Windows scheduled task "Nightly", which runs "nightly.cmd" every day at 01:00.`,
    ]);
  });
});

describe('scheduled-task detector on Register-ScheduledTask -Xml', () => {
  it('when the XML comes from Get-Content, inline or through a variable, the package file is read for what runs and when', async () => {
    const ps1 = [
      "Register-ScheduledTask -TaskName 'Dten Compact' -Xml (Get-Content 'tasks\\compact.xml' | Out-String) -Force",
      '$xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot "boot.xml")',
      'Register-ScheduledTask -Xml $xml -TaskName "Dten Boot" -User "CORP\\svc-dten"',
    ].join('\r\n');
    const findings = await runDetectorFiles(createScheduledTaskDetector, {
      texts: [
        textFile(SCRIPT, ps1),
        textFile('scripts/boot.xml', taskXml('<BootTrigger/>').replace('UTF-16', 'UTF-8')),
        textFile('tasks/compact.xml', weeklyXml),
      ],
    });
    expect(findings.map((finding) => `${finding.rule} ${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/windows-task 1 This script registers the Windows scheduled task "Dten Compact" from the XML file ' +
        '"tasks\\compact.xml" (tasks/compact.xml in the package), which runs "C:\\Program Files\\dten\\compact.exe --all" ' +
        'as SYSTEM every week on Sunday at 02:30.',
      'scheduled-task/windows-task 3 This script registers the Windows scheduled task "Dten Boot" from the XML file ' +
        '"$PSScriptRoot\\boot.xml" (scripts/boot.xml in the package), which runs "C:\\dten\\job.cmd" as CORP\\svc-dten ' +
        'at every system start-up.',
    ]);
    expect(findings.map((finding) => finding.evidence)).toEqual([
      '-Xml tasks\\compact.xml',
      '-Xml $PSScriptRoot\\boot.xml',
    ]);
    expect(findings[0]?.remediation).toContain(
      'Disable-ScheduledTask -TaskName "Dten Compact", then Enable-ScheduledTask -TaskName "Dten Compact"',
    );
  });

  it('when the XML file is not in the package, or the XML does not come from a file, the warning says where to look', async () => {
    const ps1 = [
      'Register-ScheduledTask -TaskName Missing -Xml ([IO.File]::ReadAllText("C:\\dten\\missing.xml"))',
      'Register-ScheduledTask -TaskName Built -Xml $definition.OuterXml',
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      `${SCRIPT}:2 This script registers the Windows scheduled task "Built", which runs "(what that XML defines)" on the ` +
        'schedule in the XML it is given ($definition.OuterXml), which dten cannot read from the script.',
      `${SCRIPT}:1 This script registers the Windows scheduled task "Missing" from the XML file "C:\\dten\\missing.xml"; ` +
        'what it runs and its schedule are defined in that file, so read its <Actions> and <Triggers> there.',
    ]);
  });
});

describe('dten preflight on a package whose PowerShell install script registers tasks', () => {
  it('reports the inline task and the one from a UTF-16 XML file in the zip, each with its PowerShell pause', async () => {
    const ps1 = [
      '#Requires -RunAsAdministrator',
      "$trigger = New-ScheduledTaskTrigger -Once -At '2026-12-01 01:00' `",
      '    -RepetitionInterval (New-TimeSpan -Minutes 30) -RepetitionDuration (New-TimeSpan -Hours 6)',
      "$action = New-ScheduledTaskAction -Execute 'C:\\Program Files\\dten\\warm.exe'",
      "Register-ScheduledTask -TaskName 'Dten Warm' -Action $action -Trigger $trigger -User SYSTEM",
      'Register-ScheduledTask -TaskName "Dten Compact" -Xml (Get-Content -Raw "$PSScriptRoot\\..\\tasks\\Compact.xml")',
    ].join('\r\n');
    const tasks = await preflightPackage(
      [
        { name: 'dten-4.2.0/windows/install.ps1', content: ps1 },
        { name: 'dten-4.2.0/tasks/compact.xml', content: utf16(weeklyXml) },
      ],
      'scheduled-task',
    );
    expect(tasks.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/windows-task dten-4.2.0/windows/install.ps1:5 This script registers the Windows scheduled task ' +
        '"Dten Warm", which runs "C:\\Program Files\\dten\\warm.exe" as SYSTEM once at 01:00 on 2026-12-01, ' +
        'repeating every 30 minutes for 6 hours.',
      'scheduled-task/windows-task dten-4.2.0/windows/install.ps1:6 This script registers the Windows scheduled task ' +
        '"Dten Compact" from the XML file "$PSScriptRoot\\..\\tasks\\Compact.xml" (dten-4.2.0/tasks/compact.xml in the ' +
        'package), which runs "C:\\Program Files\\dten\\compact.exe --all" as SYSTEM every week on Sunday at 02:30.',
    ]);
    expect(tasks.map((finding) => finding.remediation)).toEqual([
      expect.stringContaining(
        'Disable-ScheduledTask -TaskName "Dten Warm", then Enable-ScheduledTask -TaskName "Dten Warm"',
      ),
      expect.stringContaining('Disable-ScheduledTask -TaskName "Dten Compact", then Enable-ScheduledTask'),
    ]);
  });
});
