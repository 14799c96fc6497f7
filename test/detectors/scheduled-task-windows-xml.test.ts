import { describe, it, expect } from 'vitest';
import type { FileMeta } from '../../src/preflight/detector.js';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { readTaskDefinition } from '../../src/preflight/detectors/scheduled-task/read-task-definition.js';
import { EXEC, taskXml, utf16 } from './build-task-xml.js';
import { preflightPackage } from './preflight-package.js';
import { metaOf, runDetectorFiles } from './run-detector-files.js';
import { textFile } from './run-text-detector.js';

const daily = (time: string, inner = '') =>
  `<CalendarTrigger><StartBoundary>2024-01-01T${time}</StartBoundary>${inner}<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>`;

const describeTriggers = (triggers: string): string | undefined => readTaskDefinition(taskXml(triggers))?.description;

describe('scheduled-task detector on schtasks /create /xml with the XML file in the package', () => {
  it('when the XML file comes after the script, the warning says what the task runs and when', async () => {
    const bat = '@echo off\r\nschtasks /create /xml "%~dp0backup.xml" /tn "Dten Backup" /ru SYSTEM /f\r\n';
    const xml = taskXml(
      daily('02:00:00', '<Repetition><Interval>PT15M</Interval><Duration>PT12H</Duration></Repetition>'),
      '<Exec><Command>C:\\dten\\backup.cmd</Command><Arguments>--full --target &quot;D:\\backups&quot;</Arguments></Exec>',
    );
    const findings = await runDetectorFiles(createScheduledTaskDetector, {
      texts: [textFile('scripts/install.bat', bat), textFile('scripts/backup.xml', xml)],
    });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/windows-task scripts/install.bat:2 This script creates the Windows scheduled task "Dten Backup" ' +
        'from the XML file "%~dp0backup.xml" (scripts/backup.xml in the package), which runs ' +
        '"C:\\dten\\backup.cmd --full --target "D:\\backups"" as SYSTEM every day at 02:00, repeating every 15 minutes for 12 hours.',
    ]);
    expect(findings[0]?.evidence).toBe('/xml %~dp0backup.xml');
    expect(findings[0]?.remediation).toContain('schtasks /change /tn "Dten Backup" /disable, then /enable');
  });

  it("the task's account comes from the XML's Principal unless /ru names one, and a task the XML registers disabled says so", async () => {
    const asService = taskXml(daily('04:00:00')).replace(
      '<UserId>S-1-5-18</UserId>',
      '<UserId>CORP\\svc-dten</UserId>',
    );
    const disabled = taskXml(daily('05:00:00')).replace(
      '<Enabled>true</Enabled></Settings>',
      '<Enabled>false</Enabled></Settings>',
    );
    const findings = await runDetectorFiles(createScheduledTaskDetector, {
      texts: [
        textFile('tasks/service.xml', asService.replace('UTF-16', 'UTF-8')),
        textFile('tasks/disabled.xml', disabled.replace('UTF-16', 'UTF-8')),
        textFile(
          'install.cmd',
          [
            'schtasks /create /xml tasks\\service.xml /tn "Dten Service"',
            'schtasks /create /xml tasks\\service.xml /tn "Dten Override" /ru "NT AUTHORITY\\NETWORK SERVICE"',
            'schtasks /create /xml tasks\\disabled.xml /tn "Dten Dormant"',
          ].join('\r\n'),
        ),
      ],
    });
    expect(findings.map((finding) => finding.message.replace(/^.*, which runs /, ''))).toEqual([
      '"C:\\dten\\job.cmd" as CORP\\svc-dten every day at 04:00.',
      '"C:\\dten\\job.cmd" as NT AUTHORITY\\NETWORK SERVICE every day at 04:00.',
      '"C:\\dten\\job.cmd" as SYSTEM only once someone enables it (the XML registers it disabled), then every day at 05:00.',
    ]);
  });

  it('when the XML file is UTF-8 text, it is read the same way', async () => {
    const findings = await runDetectorFiles(createScheduledTaskDetector, {
      texts: [
        textFile(
          'tasks/sync.xml',
          taskXml('<BootTrigger><Delay>PT5M</Delay></BootTrigger>').replace('UTF-16', 'UTF-8'),
        ),
        textFile('install.ps1', 'schtasks.exe /Create /TN "Dten Sync" /XML tasks\\sync.xml\n'),
      ],
    });
    expect(findings.map((finding) => finding.message)).toEqual([
      'This script creates the Windows scheduled task "Dten Sync" from the XML file "tasks\\sync.xml" ' +
        '(tasks/sync.xml in the package), which runs "C:\\dten\\job.cmd" as SYSTEM at every system start-up, after a delay of 5 minutes.',
    ]);
  });

  it('when an argument in the XML holds a password, the warning masks it', async () => {
    const xml = taskXml(
      daily('03:00:00'),
      '<Exec><Command>C:\\dten\\sync.exe</Command><Arguments>--password hunter2hunter2 --all</Arguments></Exec>',
    );
    const findings = await runDetectorFiles(createScheduledTaskDetector, {
      texts: [textFile('install.bat', 'schtasks /create /xml sync.xml /tn Sync\r\n'), textFile('sync.xml', xml)],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('which runs "C:\\dten\\sync.exe --password ');
    expect(findings[0]?.message).toContain('every day at 03:00');
    expect(JSON.stringify(findings)).not.toContain('hunter2hunter2');
  });

  it('when a task has several actions, or one that is not a program, each is named', () => {
    const actions =
      EXEC +
      '<Exec><Command>C:\\dten\\report.cmd</Command></Exec>' +
      '<ComHandler><ClassId>{00000000-0000-0000-0000-000000000000}</ClassId></ComHandler>';
    expect(readTaskDefinition(taskXml('<BootTrigger/>', actions))?.command).toBe(
      'C:\\dten\\job.cmd; C:\\dten\\report.cmd; (a ComHandler action)',
    );
  });

  it('when the XML writes characters as references, they are read, but an invisible one stays as written', () => {
    const exec =
      '<Exec><Command>C:\\dten\\caf&#xE9;.cmd</Command><Arguments>&lt;all&gt; &#x202E;gpj.exe</Arguments></Exec>';
    expect(readTaskDefinition(taskXml('<BootTrigger/>', exec))?.command).toBe(
      'C:\\dten\\café.cmd <all> &#x202E;gpj.exe',
    );
  });
});

describe('scheduled-task detector on the triggers of a Task Scheduler XML file', () => {
  it.each([
    ['ScheduleByDay', 'every day at 02:00', daily('02:00:00')],
    [
      'ScheduleByDay every 3 days',
      'every 3 days at 22:00',
      '<CalendarTrigger><StartBoundary>2024-01-01T22:00:00</StartBoundary><ScheduleByDay><DaysInterval>3</DaysInterval></ScheduleByDay></CalendarTrigger>',
    ],
    [
      'ScheduleByWeek on two days',
      'every week on Monday, Friday at 02:00',
      '<CalendarTrigger><StartBoundary>2024-01-01T02:00:00</StartBoundary><ScheduleByWeek><DaysOfWeek><Monday/><Friday/></DaysOfWeek><WeeksInterval>1</WeeksInterval></ScheduleByWeek></CalendarTrigger>',
    ],
    [
      'ScheduleByWeek on all seven days, every 2 weeks',
      'every day of the week, every 2 weeks at 03:30',
      '<CalendarTrigger><StartBoundary>2024-01-01T03:30:00</StartBoundary><ScheduleByWeek><WeeksInterval>2</WeeksInterval><DaysOfWeek><Sunday/><Monday/><Tuesday/><Wednesday/><Thursday/><Friday/><Saturday/></DaysOfWeek></ScheduleByWeek></CalendarTrigger>',
    ],
    [
      'ScheduleByMonth on two days of all twelve months',
      'every month on day 1, day 15 at 01:00',
      '<CalendarTrigger><StartBoundary>2024-01-01T01:00:00</StartBoundary><ScheduleByMonth><DaysOfMonth><Day>1</Day><Day>15</Day></DaysOfMonth><Months><January/><February/><March/><April/><May/><June/><July/><August/><September/><October/><November/><December/></Months></ScheduleByMonth></CalendarTrigger>',
    ],
    [
      'ScheduleByMonth on the last day of two months',
      'on the last day of February and March at 23:00',
      '<CalendarTrigger><StartBoundary>2024-01-01T23:00:00</StartBoundary><ScheduleByMonth><DaysOfMonth><Day>Last</Day></DaysOfMonth><Months><February/><March/></Months></ScheduleByMonth></CalendarTrigger>',
    ],
    [
      'ScheduleByMonth on day 1 and the last day',
      'every month on day 1 at 04:00; and on the last day of every month at 04:00',
      '<CalendarTrigger><StartBoundary>2024-01-01T04:00:00</StartBoundary><ScheduleByMonth><DaysOfMonth><Day>1</Day><Day>Last</Day></DaysOfMonth></ScheduleByMonth></CalendarTrigger>',
    ],
    [
      'ScheduleByMonthDayOfWeek in the first week',
      'on the first Monday of every month at 03:00',
      '<CalendarTrigger><StartBoundary>2024-01-01T03:00:00</StartBoundary><ScheduleByMonthDayOfWeek><Weeks><Week>1</Week></Weeks><DaysOfWeek><Monday/></DaysOfWeek></ScheduleByMonthDayOfWeek></CalendarTrigger>',
    ],
    [
      'ScheduleByMonthDayOfWeek in the last week of one month',
      'on the last Friday of December at 03:00',
      '<CalendarTrigger><StartBoundary>2024-01-01T03:00:00</StartBoundary><ScheduleByMonthDayOfWeek><Weeks><Week>Last</Week></Weeks><DaysOfWeek><Friday/></DaysOfWeek><Months><December/></Months></ScheduleByMonthDayOfWeek></CalendarTrigger>',
    ],
    [
      'TimeTrigger',
      'once at 23:30 on 2025-12-24',
      '<TimeTrigger><StartBoundary>2025-12-24T23:30:00</StartBoundary></TimeTrigger>',
    ],
    [
      'TimeTrigger repeating with no end',
      'once at 06:00 on 2025-01-01, repeating every 15 minutes',
      '<TimeTrigger><Repetition><Interval>PT15M</Interval><StopAtDurationEnd>false</StopAtDurationEnd></Repetition><StartBoundary>2025-01-01T06:00:00</StartBoundary></TimeTrigger>',
    ],
    [
      'ScheduleByDay repeating hourly for a day',
      'every day at 00:00, repeating every hour for 1 day',
      daily('00:00:00', '<Repetition><Interval>PT1H</Interval><Duration>P1D</Duration></Repetition>'),
    ],
    ['StartBoundary in UTC', 'every day at 02:00 UTC', daily('02:00:00Z')],
    ['StartBoundary with seconds and an offset', 'every day at 02:00:30 UTC+01:00', daily('02:00:30+01:00')],
    ['BootTrigger', 'at every system start-up', '<BootTrigger><Enabled>true</Enabled></BootTrigger>'],
    [
      'BootTrigger with a delay',
      'at every system start-up, after a delay of 1 minute 30 seconds',
      '<BootTrigger><Delay>PT1M30S</Delay></BootTrigger>',
    ],
    ['LogonTrigger for any user', 'whenever a user logs on', '<LogonTrigger/>'],
    [
      'LogonTrigger for one user',
      'whenever CORP\\svc-dten logs on',
      '<LogonTrigger><UserId>CORP\\svc-dten</UserId></LogonTrigger>',
    ],
    [
      'RandomDelay',
      'every day at 02:00, with a random delay of up to 30 minutes',
      '<CalendarTrigger><StartBoundary>2024-01-01T02:00:00</StartBoundary><RandomDelay>PT30M</RandomDelay><ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>',
    ],
    [
      'BootTrigger and CalendarTrigger',
      'at every system start-up; and every day at 02:00',
      '<BootTrigger/><!-- and nightly -->' + daily('02:00:00'),
    ],
    [
      'Enabled false',
      'at every system start-up (this trigger is disabled)',
      '<BootTrigger><Enabled>false</Enabled></BootTrigger>',
    ],
    [
      'SessionStateChangeTrigger',
      "whenever CORP\\ops's session is unlocked",
      '<SessionStateChangeTrigger><StateChange>SessionUnlock</StateChange><UserId>CORP\\ops</UserId></SessionStateChangeTrigger>',
    ],
    [
      'SessionStateChangeTrigger of no one in particular',
      'whenever a user session is connected remotely',
      '<SessionStateChangeTrigger><StateChange>RemoteConnect</StateChange></SessionStateChangeTrigger>',
    ],
    [
      'SessionStateChangeTrigger of a change dten does not know',
      'on a trigger dten does not put in words (SessionStateChangeTrigger)',
      '<SessionStateChangeTrigger><StateChange>SessionTeleport</StateChange></SessionStateChangeTrigger>',
    ],
    ['IdleTrigger', 'whenever the computer becomes idle', '<IdleTrigger/>'],
    [
      'a CalendarTrigger with no schedule dten knows',
      'on a trigger dten does not put in words (CalendarTrigger)',
      '<CalendarTrigger><StartBoundary>2024-01-01T02:00:00</StartBoundary><ScheduleByFortnight/></CalendarTrigger>',
    ],
    ['no triggers', 'only when started by hand (it has no triggers)', ''],
  ])('the triggers (%s) are worded as "%s"', (_kind, words, triggers) => {
    expect(describeTriggers(triggers)).toBe(words);
  });

  it('an idle trigger says how long the computer must have been idle, which the task keeps in its IdleSettings', () => {
    const xml = taskXml('<IdleTrigger/>').replace(
      '<Enabled>true</Enabled></Settings>',
      '<IdleSettings><Duration>PT10M</Duration><WaitTimeout>PT1H</WaitTimeout></IdleSettings><Enabled>true</Enabled></Settings>',
    );
    expect(readTaskDefinition(xml)?.description).toBe('when the computer has been idle for 10 minutes');
  });
});

describe('scheduled-task detector finding the XML file a script names', () => {
  const SCRIPT = 'scripts/install.bat';
  const run = (reference: string, xmlPaths: string[]) =>
    runDetectorFiles(createScheduledTaskDetector, {
      texts: [
        textFile(SCRIPT, `schtasks /create /xml "${reference}" /tn Job\r\n`),
        ...xmlPaths.map((path) => textFile(path, taskXml(daily(`0${xmlPaths.indexOf(path) + 1}:00:00`)))),
      ],
    });
  const readFrom = (message: string | undefined) => /\(([^()]+) in the package\)/.exec(message ?? '')?.[1];

  it.each([
    ['task.xml', ['scripts/task.xml', 'task.xml'], 'scripts/task.xml'],
    ['task.xml', ['task.xml'], 'task.xml'],
    ['.\\tasks\\Backup.XML', ['scripts/tasks/backup.xml'], 'scripts/tasks/backup.xml'],
    ['..\\config\\task.xml', ['config/task.xml', 'scripts/config/task.xml'], 'config/task.xml'],
    ['$PSScriptRoot\\task.xml', ['scripts/task.xml'], 'scripts/task.xml'],
    ['C:\\Program Files\\dten\\Sync Task.xml', ['vendor/windows/sync task.xml'], 'vendor/windows/sync task.xml'],
    ['%ProgramData%\\dten\\task.xml', ['config/task.xml'], 'config/task.xml'],
  ])('when the script names "%s" and the package holds %j, it reads %s', async (reference, xmlPaths, expected) => {
    const [finding] = await run(reference, xmlPaths);
    expect(readFrom(finding?.message)).toBe(expected);
  });

  it('when the file name alone fits two files of the package, neither is guessed and the plain wording stays', async () => {
    const [finding] = await run('C:\\dten\\task.xml', ['a/task.xml', 'b/task.xml']);
    expect(finding?.message).toBe(
      'This script creates the Windows scheduled task "Job" from the XML file "C:\\dten\\task.xml"; what it runs and ' +
        'its schedule are defined in that file, so read its <Actions> and <Triggers> there.',
    );
  });

  it('when the script is inside a nested archive, the XML file is looked for in that archive', async () => {
    const nested = (name: string): FileMeta => ({ ...metaOf(`vendor/tools.zip!${name}`, 0), name, depth: 1 });
    const xml = taskXml('<LogonTrigger/>');
    const findings = await runDetectorFiles(createScheduledTaskDetector, {
      texts: [
        {
          meta: nested('install.bat'),
          text: 'schtasks /create /xml task.xml /tn Tray\r\n',
          firstLine: 1,
          isFirstSegment: true,
        },
        { meta: nested('task.xml'), text: xml, firstLine: 1, isFirstSegment: true },
        textFile('task.xml', taskXml(daily('02:00:00'))),
      ],
    });
    expect(findings.map((finding) => finding.message)).toEqual([
      'This script creates the Windows scheduled task "Tray" from the XML file "task.xml" ' +
        '(vendor/tools.zip!task.xml in the package), which runs "C:\\dten\\job.cmd" as SYSTEM whenever a user logs on.',
    ]);
  });

  it('when the named file is in the package but is not a task definition, the warning says so and keeps the plain wording', async () => {
    const doctype =
      '<?xml version="1.0"?><!DOCTYPE Task [<!ENTITY x "every day">]>' +
      taskXml(daily('02:00:00')).replace(/^<\?xml[^>]*>/, '');
    for (const [path, text] of [
      ['scripts/task.xml', '<configuration><appSettings/></configuration>'],
      ['scripts/task.xml', doctype],
      ['scripts/task.xml', taskXml(daily('02:00:00')).replace('</Triggers>', '')],
    ] as const) {
      const findings = await runDetectorFiles(createScheduledTaskDetector, {
        texts: [textFile(SCRIPT, 'schtasks /create /xml task.xml /tn Job\r\n'), textFile(path, text)],
      });
      expect(findings.map((finding) => finding.message)).toEqual([
        'This script creates the Windows scheduled task "Job" from the XML file "task.xml"; what it runs and its ' +
          'schedule are defined in that file, so read its <Actions> and <Triggers> there. The package holds it as ' +
          'scripts/task.xml, which dten could not read as a Task Scheduler definition.',
      ]);
    }
  });
});

describe('dten preflight on a package whose install script creates a task from a UTF-16 XML file', () => {
  it('when the XML file is big-endian, or larger than 64 KiB (a long description), it is still read', async () => {
    const xml = taskXml(daily('02:00:00'));
    const long = xml.replace(
      '<Author>Vendor</Author>',
      `<Author>Vendor</Author><Description>${'Compacts the dten store. '.repeat(2000)}</Description>`,
    );
    expect(utf16(long).length).toBeGreaterThan(64 * 1024);
    const tasks = await preflightPackage(
      [
        {
          name: 'dten-4.2.0/install.cmd',
          content: 'schtasks /create /xml be.xml /tn "Dten BE"\r\nschtasks /create /xml long.xml /tn "Dten Long"\r\n',
        },
        { name: 'dten-4.2.0/be.xml', content: utf16(xml).swap16() },
        { name: 'dten-4.2.0/long.xml', content: utf16(long) },
      ],
      'scheduled-task',
    );
    expect(tasks.map((finding) => `${finding.line} ${finding.message.replace(/^.*, which runs /, '')}`)).toEqual([
      '1 "C:\\dten\\job.cmd" as SYSTEM every day at 02:00.',
      '2 "C:\\dten\\job.cmd" as SYSTEM every day at 02:00.',
    ]);
  });

  it('reads the XML file out of the zip and reports what the task runs and when', async () => {
    const xml = taskXml(
      '<CalendarTrigger><StartBoundary>2026-01-01T02:30:00</StartBoundary><ScheduleByWeek><DaysOfWeek><Sunday/></DaysOfWeek>' +
        '<WeeksInterval>1</WeeksInterval></ScheduleByWeek></CalendarTrigger>',
      '<Exec><Command>C:\\Program Files\\dten\\compact.exe</Command><Arguments>--all</Arguments></Exec>',
    );
    const tasks = await preflightPackage(
      [
        {
          name: 'dten-4.2.0/windows/install.cmd',
          content: 'schtasks /create /xml "%~dp0..\\tasks\\Compact.xml" /tn "Dten Compact"\r\n',
        },
        { name: 'dten-4.2.0/tasks/compact.xml', content: utf16(xml) },
      ],
      'scheduled-task',
    );
    expect(tasks.map((finding) => `${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'dten-4.2.0/windows/install.cmd:1 This script creates the Windows scheduled task "Dten Compact" from the XML file ' +
        '"%~dp0..\\tasks\\Compact.xml" (dten-4.2.0/tasks/compact.xml in the package), which runs ' +
        '"C:\\Program Files\\dten\\compact.exe --all" as SYSTEM every week on Sunday at 02:30.',
    ]);
  });
});
