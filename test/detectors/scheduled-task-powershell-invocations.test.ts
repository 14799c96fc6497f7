import { describe, it, expect } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { preflightPackage } from './preflight-package.js';
import { runTextDetector } from './run-text-detector.js';

const BAT = 'scripts/install.bat';
const REGISTER =
  "Register-ScheduledTask -TaskName Nightly -Action (New-ScheduledTaskAction -Execute 'C:\\dten\\nightly.exe') " +
  '-Trigger (New-ScheduledTaskTrigger -Daily -At 3am)';
const NIGHTLY =
  'registers the Windows scheduled task "Nightly", which runs "C:\\dten\\nightly.exe" every day at 03:00.';

const scan = (files: Record<string, string>) => runTextDetector(createScheduledTaskDetector, files);
const located = (findings: readonly Finding[]): string[] =>
  findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`);
/** What `powershell -EncodedCommand` takes: the script's UTF-16LE bytes in base64. */
const encoded = (script: string): string => Buffer.from(script, 'utf16le').toString('base64');

describe('scheduled-task detector on PowerShell run from a batch file or a shell script', () => {
  it.each([
    ['powershell -Command "…"', `powershell -Command "${REGISTER}"`],
    [
      'powershell.exe with -NoProfile -ExecutionPolicy Bypass and "& { … }"',
      `powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "& { ${REGISTER} }"`,
    ],
    [
      'the full path, -nop and an abbreviated -c',
      `%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop -c "${REGISTER}"`,
    ],
    [
      'pwsh.exe in quotes, "" escapes and a redirection',
      `"C:\\Program Files\\PowerShell\\7\\pwsh.exe" -co "${REGISTER.replace(/'/g, '""')}" >nul 2>&1`,
    ],
    ['\\" escapes', `powershell -Command "${REGISTER.replace(/'/g, '\\"')}" || exit /b 1`],
    ['no quotes at all', `@powershell -Command ${REGISTER}`],
    ['Windows PowerShell taking a bare command', `call powershell -NoLogo "${REGISTER}"`],
    ['a caret continuation', `powershell -NoProfile -WindowStyle Hidden -Command ^\r\n  "${REGISTER}"`],
    ['-EncodedCommand', `powershell -EncodedCommand ${encoded(REGISTER)}`],
  ])('a .bat running %s is reported at its line as the task it registers', async (_form, line) => {
    const bat = ['@echo off', 'cd /d %~dp0', line, 'echo done'].join('\r\n');
    const findings = await scan({ [BAT]: bat });
    expect(located(findings)).toEqual([expect.stringMatching(new RegExp(`^${BAT}:3 This script `))]);
    expect(findings[0]?.message).toContain(NIGHTLY);
    expect(findings[0]?.remediation).toContain(
      'Disable-ScheduledTask -TaskName "Nightly", then Enable-ScheduledTask -TaskName "Nightly"',
    );
  });

  it('when a .cmd passes a whole script base64-encoded, its variables and schtasks lines are read and the warning says where from', async () => {
    const script = [
      "$action = New-ScheduledTaskAction -Execute 'C:\\dten\\warm.exe' -Argument '--cache'",
      '$trigger = New-ScheduledTaskTrigger -AtStartup',
      "Register-ScheduledTask -TaskName 'Dten Warm' -Action $action -Trigger $trigger -User SYSTEM",
      'schtasks /create /tn DtenPurge /tr C:\\dten\\purge.cmd /sc weekly /d SUN /st 04:00',
    ].join('\r\n');
    const findings = await scan({
      'bin/setup.cmd': `powershell -NoProfile -NonInteractive -enc ${encoded(script)}\r\n`,
    });
    const from = 'dten read it from the base64 the script passes to PowerShell as -EncodedCommand.';
    expect(located(findings)).toEqual([
      'bin/setup.cmd:1 This script registers the Windows scheduled task "Dten Warm", which runs "C:\\dten\\warm.exe ' +
        `--cache" as SYSTEM at every system start-up. ${from}`,
      `bin/setup.cmd:1 This script creates the Windows scheduled task "DtenPurge", which runs "C:\\dten\\purge.cmd" every week on Sunday at 04:00. ${from}`,
    ]);
    expect(findings[1]?.remediation).toContain('schtasks /change /tn "DtenPurge" /disable');
  });

  it('when the base64 does not decode to a UTF-16 script, or the script only runs a file, prints or comments, nothing is reported', async () => {
    const bat = [
      `powershell -EncodedCommand ${Buffer.from(REGISTER).toString('base64')}`,
      `powershell -e ${encoded(REGISTER).slice(0, -4)}!!!!`,
      'powershell -ExecutionPolicy Bypass -File "%~dp0register-tasks.ps1"',
      `echo To add it by hand, run powershell -Command "${REGISTER}"`,
      `rem powershell -Command "${REGISTER}"`,
      `:: powershell -Command "${REGISTER}"`,
      'powershell -Command -',
    ].join('\r\n');
    expect(await scan({ [BAT]: bat })).toEqual([]);
  });

  it('a shell script running pwsh -c with single quotes, double quotes or a quoted script over several lines is read with its own quoting', async () => {
    const sh = [
      '#!/bin/sh',
      `pwsh -c '${REGISTER.replace(/'/g, '"')}'`,
      `powershell.exe -NoProfile -Command "${REGISTER.replace('Nightly', '\\"Dten Two\\"')}" 2>/dev/null || exit 1`,
      "pwsh -NoProfile -Command '",
      '  $t = New-ScheduledTaskTrigger -Daily -At 5am',
      '  Register-ScheduledTask -TaskName Multi -Action (New-ScheduledTaskAction m.cmd) -Trigger $t',
      "'",
    ].join('\n');
    expect(located(await scan({ 'scripts/install.sh': sh }))).toEqual([
      `scripts/install.sh:2 This script ${NIGHTLY}`,
      `scripts/install.sh:3 This script ${NIGHTLY.replace('"Nightly"', '"Dten Two"')}`,
      'scripts/install.sh:4 This script registers the Windows scheduled task "Multi", which runs "m.cmd" every day at 05:00.',
    ]);
  });

  it('a .ps1 that starts another PowerShell with -Command "…" is read too, and a -Command { … } script block only once', async () => {
    const ps1 = [
      `powershell.exe -NoProfile -Command "${REGISTER}"`,
      'pwsh -Command { Register-ScheduledTask -TaskName Block -Action (New-ScheduledTaskAction b.cmd) -Trigger (New-ScheduledTaskTrigger -AtLogOn) }',
      'Write-Host "Run powershell -Command Register-ScheduledTask by hand"',
    ].join('\r\n');
    expect(located(await scan({ 'scripts/install.ps1': ps1 }))).toEqual([
      'scripts/install.ps1:2 This script registers the Windows scheduled task "Block", which runs "b.cmd" whenever a user logs on.',
      `scripts/install.ps1:1 This script ${NIGHTLY}`,
    ]);
  });
});

describe('scheduled-task detector on schtasks run through powershell -Command or cmd /c', () => {
  it.each([
    [
      'powershell -Command "schtasks /create /tn \\"Dten Sync\\" /tr \\"C:\\dten\\sync.exe\\" /sc daily /st 03:00"',
      BAT,
    ],
    ['powershell -Command "schtasks /create /tn ""Dten Sync"" /tr C:\\dten\\sync.exe /sc daily /st 03:00"', BAT],
    ['cmd /c schtasks /create /tn "Dten Sync" /tr C:\\dten\\sync.exe /sc daily /st 03:00', BAT],
    ['cmd /c "schtasks /create /tn "Dten Sync" /tr C:\\dten\\sync.exe /sc daily /st 03:00"', BAT],
    ['pwsh -c \'schtasks /create /tn "Dten Sync" /tr C:\\dten\\sync.exe /sc daily /st 03:00\'', 'scripts/install.sh'],
  ])('%s is reported once, its options read up to the closing quote', async (line, path) => {
    const findings = await scan({ [path]: `${line}\n` });
    expect(located(findings)).toEqual([
      `${path}:1 This script creates the Windows scheduled task "Dten Sync", which runs "C:\\dten\\sync.exe" every day at 03:00.`,
    ]);
    expect(findings[0]?.evidence).toBe('/sc daily /st 03:00');
  });
});

describe('dten preflight on a package whose batch installer runs PowerShell', () => {
  it('reports the task a .bat registers through -EncodedCommand, at the .bat line, with the PowerShell pause', async () => {
    const bat = [
      '@echo off',
      `powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand ${encoded(REGISTER)}`,
    ].join('\r\n');
    const findings = await preflightPackage(
      [{ name: 'dten-4.2.0/windows/install.bat', content: bat }],
      'scheduled-task',
    );
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      `scheduled-task/windows-task dten-4.2.0/windows/install.bat:2 This script ${NIGHTLY} dten read it from the base64 ` +
        'the script passes to PowerShell as -EncodedCommand.',
    ]);
    expect(findings[0]?.remediation).toContain('Disable-ScheduledTask -TaskName "Nightly"');
  });
});
