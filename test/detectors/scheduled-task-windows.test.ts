import { describe, it, expect } from 'vitest';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { findScheduledTasks } from '../../src/preflight/detectors/scheduled-task/find-scheduled-tasks.js';
import { runTextDetector } from './run-text-detector.js';

const describeSchtasks = (options: string): string | undefined =>
  findScheduledTasks('scripts/install.bat', `schtasks /create /tn Job /tr job.cmd ${options}\r\n`, 1)[0]?.description;

describe('scheduled-task detector on schtasks /create', () => {
  it.each([
    ['/sc HOURLY', 'every hour'],
    ['/sc HOURLY /mo 2 /st 01:15', 'every 2 hours, starting at 01:15'],
    ['/sc DAILY /st 08:00 /ri 30 /du 10:00', 'every day at 08:00, repeating every 30 minutes'],
    ['/sc daily /mo 3 /st 22:00', 'every 3 days at 22:00'],
    ['/sc WEEKLY /mo 2 /st 02:00', 'every 2 weeks at 02:00'],
    ['/sc MONTHLY /mo LASTDAY /m * /st 23:00', 'on the last day of every month at 23:00'],
    ['/sc MONTHLY /mo FIRST /d MON /st 03:00', 'on the first Monday of every month at 03:00'],
    ['/sc MONTHLY /mo last /d fri', 'on the last Friday of every month'],
    ['/sc MONTHLY /d 15 /st 01:00', 'every month on day 15 at 01:00'],
    ['/sc MONTHLY /mo 3 /d 1,15', 'every 3 months on day 1, day 15'],
    ['/sc MONTHLY', 'every month'],
    ['/sc ONCE /st 23:30 /sd 2025/12/24', 'once at 23:30 on 2025/12/24'],
    ['/sc ONCE /st 06:00 /ri 15', 'once at 06:00, repeating every 15 minutes'],
    ['/sc ONLOGON', 'whenever a user logs on'],
    ['/sc ONIDLE /i 10', 'when the computer has been idle for 10 minutes'],
    ['/sc ONIDLE /i 1', 'when the computer has been idle for 1 minute'],
    ['/sc ONEVENT /ec System /mo "*[System[EventID=6005]]"', 'whenever a matching event is logged'],
    ['/sc FORTNIGHTLY', 'on the schedule "/sc FORTNIGHTLY"'],
  ])('schtasks %s is worded as "%s"', (options, words) => {
    expect(describeSchtasks(options)).toBe(words);
  });

  it('when a batch file creates a task that runs at every logon, the warning names the task, the account and the trigger', async () => {
    const bat = [
      '@echo off',
      'rem register the tray agent',
      'schtasks /create /tn "Dten Tray" /tr "C:\\dten\\tray.exe" /sc ONLOGON /ru SYSTEM /f',
    ].join('\r\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.bat': bat });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      category: 'scheduled-task',
      severity: 'warning',
      rule: 'scheduled-task/windows-task',
      path: 'scripts/install.bat',
      line: 3,
      evidence: '/sc ONLOGON',
    });
    expect(findings[0]?.message).toBe(
      'This script creates the Windows scheduled task "Dten Tray", which runs "C:\\dten\\tray.exe" as SYSTEM whenever a user logs on.',
    );
    expect(findings[0]?.remediation).toContain('schtasks /change /tn "Dten Tray" /disable, then /enable');
  });

  it('when a monthly task runs on the last day of the month, the warning says so and keeps the raw options as evidence', async () => {
    const ps1 = 'schtasks.exe /Create /TN Purge /TR "C:\\dten\\purge.cmd" /SC MONTHLY /MO LASTDAY /M * /ST 23:00\n';
    const [finding] = await runTextDetector(createScheduledTaskDetector, { 'scripts/setup.ps1': ps1 });
    expect(finding?.message).toBe(
      'This script creates the Windows scheduled task "Purge", which runs "C:\\dten\\purge.cmd" on the last day of every month at 23:00.',
    );
    expect(finding?.evidence).toBe('/sc MONTHLY /mo LASTDAY /m * /st 23:00');
  });
});

describe('scheduled-task detector on schtasks /create with /m months and /d *', () => {
  it.each([
    ['/sc MONTHLY /m FEB,MAR /st 02:00', 'on day 1 of February and March at 02:00'],
    ['/sc MONTHLY /d 15 /m MAY,JUN /st 15:00', 'on day 15 of May and June at 15:00'],
    ['/sc monthly /m jan,apr,jul,oct', 'on day 1 of January, April, July and October'],
    ['/sc MONTHLY /mo LASTDAY /m FEB,MAR /st 18:00', 'on the last day of February and March at 18:00'],
    ['/sc MONTHLY /mo FIRST /d MON /m MAR,SEP', 'on the first Monday of March and September'],
    ['/sc MONTHLY /d 1 /m *', 'every month on day 1'],
    ['/sc WEEKLY /d * /st 02:00', 'every day of the week at 02:00'],
    ['/sc WEEKLY /mo 2 /d *', 'every day of the week, every 2 weeks'],
    ['/sc MONTHLY /d * /st 04:00', 'every day of the month at 04:00'],
    ['/sc MONTHLY /d * /m DEC', 'every day of December'],
    ['/sc MONTHLY /mo LAST /d *', 'on every day of the last week of every month'],
  ])('schtasks %s is worded as "%s"', (options, words) => {
    expect(describeSchtasks(options)).toBe(words);
  });

  it('when a monthly task runs only in some months, the warning names the months and keeps /m as evidence', async () => {
    const bat =
      'rem year-end close\r\nschtasks /create /tn "Dten Close" /tr "C:\\dten\\close.cmd" /sc MONTHLY /m FEB,MAR /st 02:00\r\n';
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.bat': bat });
    expect(findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scripts/install.bat:2 This script creates the Windows scheduled task "Dten Close", which runs "C:\\dten\\close.cmd" ' +
        'on day 1 of February and March at 02:00.',
    ]);
    expect(findings[0]?.evidence).toBe('/sc MONTHLY /m FEB,MAR /st 02:00');
  });

  it('when a weekly task runs on every day (/d *), the warning says every day of the week, not "day *"', async () => {
    const bat = 'schtasks /create /tn Sweep /tr sweep.cmd /sc WEEKLY /d * /st 03:30\r\n';
    const [finding] = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.bat': bat });
    expect(finding?.message).toBe(
      'This script creates the Windows scheduled task "Sweep", which runs "sweep.cmd" every day of the week at 03:30.',
    );
    expect(finding?.message).not.toContain('day *');
    expect(finding?.evidence).toBe('/sc WEEKLY /d * /st 03:30');
  });
});

describe('scheduled-task detector on schtasks /create /xml', () => {
  it('when a task is created from an XML file, the warning names the file and says its schedule is in there', async () => {
    const bat = '@echo off\r\nschtasks /create /xml task.xml /tn Name\r\n';
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.bat': bat });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/windows-task scripts/install.bat:2 This script creates the Windows scheduled task "Name" ' +
        'from the XML file "task.xml"; what it runs and its schedule are defined in that file, ' +
        'so read its <Actions> and <Triggers> there.',
    ]);
    expect(findings[0]?.evidence).toBe('/xml task.xml');
    expect(findings[0]?.message).not.toContain('/sc ?');
    expect(findings[0]?.remediation).toContain('schtasks /change /tn "Name" /disable, then /enable');
  });

  it('when an XML task is created with /ru and a quoted path, the account and the full path are given', async () => {
    const ps1 = 'schtasks.exe /Create /TN "Dten Sync" /XML "C:\\Program Files\\dten\\sync task.xml" /RU SYSTEM /F\n';
    const [finding] = await runTextDetector(createScheduledTaskDetector, { 'scripts/setup.ps1': ps1 });
    expect(finding?.message).toBe(
      'This script creates the Windows scheduled task "Dten Sync" as SYSTEM from the XML file ' +
        '"C:\\Program Files\\dten\\sync task.xml"; what it runs and its schedule are defined in that file, ' +
        'so read its <Actions> and <Triggers> there.',
    );
    expect(finding?.evidence).toBe('/xml C:\\Program Files\\dten\\sync task.xml');
  });
});
