import { describe, it, expect } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { shortenText } from '../../src/preflight/detectors/text-scan/shorten-text.js';
import { runTextDetector } from './run-text-detector.js';

/*
 * A package's scripts are the vendor's (or an attacker's): one long line or a statement repeated many times must be
 * read in one pass. These inputs take a second or less when it is; when each word or statement goes back over all
 * before it they take from several seconds to minutes (past the timeout, a failure). Where the output grew with the
 * input too, it is asserted bounded.
 */

const REGISTER =
  "Register-ScheduledTask -TaskName Nightly -Action (New-ScheduledTaskAction -Execute 'C:\\dten\\nightly.exe') " +
  '-Trigger (New-ScheduledTaskTrigger -Daily -At 3am)';
const NIGHTLY =
  'This script registers the Windows scheduled task "Nightly", which runs "C:\\dten\\nightly.exe" every day at 03:00.';
const SYNC = 'Register-ScheduledTask -TaskName Sync -Action (New-ScheduledTaskAction sync.cmd) -Trigger $t';
const CHANGED = 'This script registers the Windows scheduled task "Sync", which runs "sync.cmd" on a trigger made as';

const scan = (files: Record<string, string>): Promise<Finding[]> => runTextDetector(createScheduledTaskDetector, files);
const located = (findings: readonly Finding[]): string[] =>
  findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`);
const lines = (count: number, make: (index: number) => string): string[] =>
  Array.from({ length: count }, (_, at) => make(at));

describe('scheduled-task detector on long PowerShell invocations', () => {
  it('a shell script line running pwsh -c 200,000 times is read in one pass, the task at its end reported at its line', async () => {
    const sh = ['#!/bin/sh', `${'pwsh -c a; '.repeat(200_000)}pwsh -c '${REGISTER.replace(/'/g, '"')}'`, 'echo done'];
    expect(located(await scan({ 'scripts/install.sh': sh.join('\n') }))).toEqual([`scripts/install.sh:2 ${NIGHTLY}`]);
  });

  it('in a .ps1 statement joined from several lines, each PowerShell it starts is reported at its own line', async () => {
    const ps1 = [
      '$jobs = @(',
      `  (pwsh -c "${REGISTER}"),`,
      `  (pwsh -c "${REGISTER.replace('Nightly', 'Second')}")`,
      ')',
    ].join('\n');
    expect(located(await scan({ 'scripts/install.ps1': ps1 }))).toEqual([
      `scripts/install.ps1:2 ${NIGHTLY}`,
      `scripts/install.ps1:3 ${NIGHTLY.replace('Nightly', 'Second')}`,
    ]);
  });
});

describe('scheduled-task detector on a trigger a script changes many times', () => {
  it('the warning names the first three changes it does not follow and counts the rest', async () => {
    const ps1 = ['$t = New-ScheduledTaskTrigger -Daily -At 3am', ...lines(5, (at) => `$t.Foo${at} = ${at}`), SYNC];
    expect(located(await scan({ 'scripts/install.ps1': ps1.join('\n') }))).toEqual([
      `scripts/install.ps1:7 ${CHANGED} "every day at 03:00" and changed later in the script ($t.Foo0 = 0 on line 2; ` +
        '$t.Foo1 = 1 on line 3; $t.Foo2 = 2 on line 4; and 2 more); read it there.',
    ]);
  });

  it('60,000 changes give a warning of bounded length, read in one pass', async () => {
    const ps1 = ['$t = New-ScheduledTaskTrigger -Daily -At 3am', ...lines(60_000, () => '$t.Foo = 1'), SYNC];
    const findings = await scan({ 'scripts/install.ps1': ps1.join('\n') });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('on line 4; and 59997 more); read it there.');
    expect(findings[0]?.message.length).toBeLessThan(400);
  });

  it('a trigger made with 20,000 parameter names PowerShell refuses, then changed 20,000 times, is read in one pass and its own parameters kept', async () => {
    const junk = lines(20_000, (at) => `-x${at} 0`).join(' ');
    const ps1 = [
      `$t = New-ScheduledTaskTrigger ${junk} -Daily -At 3am`,
      ...lines(10_000, () => "$t.Repetition.Interval = 'PT15M'"),
      ...lines(10_000, () => '$t.Foo = 1'),
      SYNC,
    ];
    const findings = await scan({ 'scripts/install.ps1': ps1.join('\n') });
    expect(findings.map((finding) => finding.message)).toEqual([
      `${CHANGED} "every day at 03:00, repeating every 15 minutes" and changed later in the script ($t.Foo = 1 on ` +
        'line 10002; $t.Foo = 1 on line 10003; $t.Foo = 1 on line 10004; and 9997 more); read it there.',
    ]);
  });

  it('a New-ScheduledTask with 20,000 parameter names PowerShell refuses, its triggers changed 20,000 times, is read in one pass', async () => {
    const junk = lines(20_000, (at) => `-x${at} 0`).join(' ');
    const ps1 = [
      `$task = New-ScheduledTask -Action (New-ScheduledTaskAction sync.cmd) -Trigger (New-ScheduledTaskTrigger -AtStartup) ${junk}`,
      ...lines(20_000, () => "$task.Triggers.Repetition.Interval = 'PT1H'"),
      'Register-ScheduledTask -TaskName Sync -InputObject $task',
    ];
    expect((await scan({ 'scripts/install.ps1': ps1.join('\n') })).map((finding) => finding.message)).toEqual([
      'This script registers the Windows scheduled task "Sync", which runs "sync.cmd" at every system start-up, ' +
        'repeating every hour.',
    ]);
  });

  it('a hashtable of 10,000 keys splatted 10,000 times is read in one pass, and a splat that binds still read', async () => {
    const keys = lines(10_000, (at) => `x${at} = 0`).join('; ');
    const ps1 = [
      `$junk = @{ ${keys} }`,
      ...lines(10_000, () => '$x = New-ScheduledTaskTrigger @junk'),
      "$daily = @{ Daily = $true; At = '3am' }",
      '$t = New-ScheduledTaskTrigger @daily',
      SYNC,
    ];
    expect((await scan({ 'scripts/install.ps1': ps1.join('\n') })).map((finding) => finding.message)).toEqual([
      'This script registers the Windows scheduled task "Sync", which runs "sync.cmd" every day at 03:00.',
    ]);
  });
});

describe('scheduled-task detector on a long trigger registered many times', () => {
  it('a trigger written over 120 KB and registered 5,000 times gives each registration the same evidence, read once', async () => {
    const trigger = `New-ScheduledTaskTrigger -Daily -At 3am ${'-x  1 '.repeat(20_000)}`;
    const ps1 = [`$t = ${trigger}`, ...lines(5_000, () => SYNC)];
    const findings = await scan({ 'scripts/install.ps1': ps1.join('\n') });
    expect(findings).toHaveLength(5_000);
    expect(new Set(findings.map((finding) => finding.evidence))).toEqual(new Set([shortenText(trigger, 160)]));
  });

  it('a trigger changed and registered in turn 10,000 times has the changes in its evidence, cut to its length', async () => {
    const change = "$t.Repetition.Interval = 'PT15M'";
    const ps1 = ['$t = New-ScheduledTaskTrigger -Daily -At 3am', ...lines(10_000, () => `${change}; ${SYNC}`)];
    const findings = await scan({ 'scripts/install.ps1': ps1.join('\n') });
    const evidence = (changes: number): string =>
      shortenText(['New-ScheduledTaskTrigger -Daily -At 3am', ...lines(changes, () => change)].join('; '), 160);
    expect(findings).toHaveLength(10_000);
    expect(findings.slice(0, 2).map((finding) => finding.evidence)).toEqual([evidence(1), evidence(2)]);
    expect(new Set(findings.slice(4).map((finding) => finding.evidence))).toEqual(new Set([evidence(10_000)]));
  });
});

describe('scheduled-task detector on one large value that many registrations name', () => {
  const register = (count: number): string[] => [
    '$daily = New-ScheduledTaskTrigger -Daily -At 3am',
    ...lines(count, () => 'Register-ScheduledTask -TaskName Sync -Action $a -Trigger $daily'),
  ];

  it('an action given 100,000 arguments and registered 10,000 times is looked through once, the ambiguous name at its end in every warning', async () => {
    const action = `New-ScheduledTaskAction -Execute sync.cmd -Argument ${lines(100_000, (at) => `a${at}`).join(' ')}`;
    const ps1 = [`$a = ${action} (New-TimeSpan -M 15)`, ...register(10_000)];
    const findings = await scan({ 'scripts/install.ps1': ps1.join('\n') });
    expect(findings).toHaveLength(10_000);
    expect(new Set(findings.map((finding) => finding.message))).toEqual(
      new Set([
        'This script registers the Windows scheduled task "Sync", which runs "sync.cmd a0" every day at 03:00. ' +
          'PowerShell 7.3 and later refuse an ambiguous parameter name: -M on New-TimeSpan (it could be -Minutes or ' +
          '-Milliseconds); Windows PowerShell 5.1 reads it as -Minutes, as described here.',
      ]),
    );
  });

  it('an action whose argument runs over 200 KB, registered 5,000 times, is masked and cut once: each warning shows the same short command', async () => {
    const argument = `--password hunter2hunter2 ${'y '.repeat(100_000)}`;
    const ps1 = [`$a = New-ScheduledTaskAction -Execute sync.cmd -Argument "${argument}"`, ...register(5_000)];
    const findings = await scan({ 'scripts/install.ps1': ps1.join('\n') });
    expect(findings).toHaveLength(5_000);
    expect(new Set(findings.map((finding) => finding.message))).toEqual(
      new Set([
        'This script registers the Windows scheduled task "Sync", which runs "sync.cmd --password …(14 chars, ' +
          'masked) y y y y y y y y y y y y y y y y y y y y…" every day at 03:00.',
      ]),
    );
  });
});

describe('scheduled-task detector on script text it quotes', () => {
  const action = '-Action (New-ScheduledTaskAction nightly.exe)';

  it('a trigger dten does not put in words, written over 100 KB, is quoted in 80 characters with how many are left out, control characters escaped', async () => {
    const trigger = `Get-VendorTrigger -Spec '\u202e\x1b[2J${lines(20_000, (at) => `step${at}`).join(',')}'`;
    const ps1 = `Register-ScheduledTask -TaskName Nightly ${action} -Trigger (${trigger})`;
    const [finding] = await scan({ 'scripts/install.ps1': ps1 });
    expect(finding?.message).toBe(
      'This script registers the Windows scheduled task "Nightly", which runs "nightly.exe" on a trigger dten does ' +
        "not put in words (Get-VendorTrigger -Spec '\\u{202E}\\x1B[2Jstep0,step1,step2,step3,step4,step5,step6,step7," +
        `s… (${trigger.length - 79} more characters)).`,
    );
    expect(finding?.message.length).toBeLessThan(600);
  });

  it('-Xml given 100 KB of XML inline is quoted so in the warning and the evidence', async () => {
    const xml = `'<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">${'<Triggers><BootTrigger/></Triggers>'.repeat(3_000)}</Task>'`;
    const [finding] = await scan({ 'scripts/install.ps1': `Register-ScheduledTask -TaskName Nightly -Xml ${xml}` });
    const quoted = `'<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/ta… (${xml.length - 79} more characters)`;
    expect(finding?.message).toBe(
      'This script registers the Windows scheduled task "Nightly", which runs "(what that XML defines)" on the ' +
        `schedule in the XML it is given (${quoted}), which dten cannot read from the script.`,
    );
    expect(finding?.evidence).toBe(`-Xml ${quoted}`);
    expect(finding?.message.length).toBeLessThan(600);
  });

  it('a start time and an account the script works out from 100 KB expressions are quoted so too', async () => {
    const long = (start: string): string => `('${start}' + '${'x'.repeat(100_000)}')`;
    const ps1 = `Register-ScheduledTask Nightly ${action} -Trigger (New-ScheduledTaskTrigger -Daily -At ${long('3am')}) -User ${long('svc')}`;
    const [finding] = await scan({ 'scripts/install.ps1': ps1 });
    const quoted = (start: string): string =>
      `'${start}' + '${'x'.repeat(79 - start.length - 6)}… (${long(start).length - 2 - 79} more characters)`;
    expect(finding?.message).toBe(
      `This script registers the Windows scheduled task "Nightly", which runs "nightly.exe" as ${quoted('svc')} ` +
        `every day at the time that ${quoted('3am')} gives when the script runs.`,
    );
    expect(finding?.message.length).toBeLessThan(600);
  });
});
