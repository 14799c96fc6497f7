import { describe, it, expect } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { runTextDetector } from './run-text-detector.js';

const SCRIPT = 'scripts/install.ps1';

const scan = (ps1: string): Promise<Finding[]> => runTextDetector(createScheduledTaskDetector, { [SCRIPT]: ps1 });
const messagesOf = async (ps1: string): Promise<string[]> =>
  (await scan(ps1)).map((finding) => `${finding.line} ${finding.message}`);

describe('scheduled-task detector on abbreviated PowerShell parameter names', () => {
  it.each([
    [
      "Register-ScheduledTask -TaskN Job -Act (New-ScheduledTaskAction -Exec job.cmd -Arg '--all') -Trig (New-ScheduledTaskTrigger -Dai -At 3am) -Us SYSTEM",
      '"Job", which runs "job.cmd --all" as SYSTEM every day at 03:00.',
    ],
    [
      'register-scheduledtask -taskn Job -ACT (New-ScheduledTaskAction -EXECUTE job.cmd) -trig (new-scheduledtasktrigger -DAI -at 3am)',
      '"Job", which runs "job.cmd" every day at 03:00.',
    ],
    // -Fo is the switch -Force: `Job` after it is the task's name, not -Force's value.
    [
      'Register-ScheduledTask -Fo Job -Action (New-ScheduledTaskAction job.cmd) -Trigger (New-ScheduledTaskTrigger -AtSt)',
      '"Job", which runs "job.cmd" at every system start-up.',
    ],
    [
      'Register-ScheduledTask Job -Action (New-ScheduledTaskAction job.cmd) -Trigger (New-ScheduledTaskTrigger -Weekl -DaysOf Monday,Friday -WeeksI 2 -At 2am)',
      '"Job", which runs "job.cmd" every 2 weeks on Monday, Friday at 02:00.',
    ],
    [
      'Register-ScheduledTask Job -Action (New-ScheduledTaskAction job.cmd) -Trigger (New-ScheduledTaskTrigger -On -At 6am -RepetitionI (New-TimeSpan -Min 15) -RepetitionD (New-TimeSpan -Ho 12))',
      '"Job", which runs "job.cmd" once at 06:00 on the day the script runs, repeating every 15 minutes for 12 hours.',
    ],
    // -E could be -ErrorAction or -ErrorVariable too, -De -Debug: PowerShell prefers the cmdlet's own parameter.
    [
      "Register-ScheduledTask Job -De 'Nightly job' -Action (New-ScheduledTaskAction -E job.cmd) -Pr (New-ScheduledTaskPrincipal -U 'S-1-5-18') -Sett (New-ScheduledTaskSettingsSet -Disab)",
      '"Job", which runs "job.cmd" as SYSTEM only once someone enables it (its -Settings register it disabled), then only when started by hand (it has no triggers).',
    ],
  ])('%s is read as PowerShell binds it', async (ps1, words) => {
    expect(await messagesOf(ps1)).toEqual([`1 This script registers the Windows scheduled task ${words}`]);
  });

  it('when the abbreviations are splatted hashtable keys, they are bound the same way', async () => {
    const ps1 = [
      '$task = @{',
      "    TaskN = 'Dten Splat'",
      '    Act   = New-ScheduledTaskAction -Exec splat.cmd',
      '    Trig  = New-ScheduledTaskTrigger -AtL',
      '}',
      'Register-ScheduledTask @task',
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      '6 This script registers the Windows scheduled task "Dten Splat", which runs "splat.cmd" whenever a user logs on.',
    ]);
  });

  it('when a name is the start of several parameters, the warning says PowerShell refuses the command and names them', async () => {
    const ps1 = [
      '$trigger = New-ScheduledTaskTrigger -Da -At 3am',
      'Register-ScheduledTask -TaskName Job -Action (New-ScheduledTaskAction job.cmd) -Trigger $trigger',
      'Register-ScheduledTask -Ta Other -Action (New-ScheduledTaskAction other.cmd) -Settings (New-ScheduledTaskSettingsSet -Disa)',
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      '2 This script registers the Windows scheduled task "Job", which runs "job.cmd" on a trigger dten does not put ' +
        'in words (New-ScheduledTaskTrigger with no schedule it knows). As written, PowerShell refuses an ambiguous ' +
        'parameter name: -Da on New-ScheduledTaskTrigger (it could be -Daily, -DaysInterval or -DaysOfWeek). That ' +
        'command fails, so the task is not registered as described until the script spells the name out.',
      '3 This script registers the Windows scheduled task "(unnamed)", which runs "other.cmd" only when started by ' +
        'hand (it has no triggers). As written, PowerShell refuses ambiguous parameter names: -Ta on ' +
        'Register-ScheduledTask (it could be -TaskName or -TaskPath); -Disa on New-ScheduledTaskSettingsSet (it could ' +
        'be -DisallowDemandStart, -DisallowHardTerminate, -Disable or -DisallowStartOnRemoteAppSession). That command ' +
        'fails, so the task is not registered as described until the script spells the name out.',
    ]);
  });

  it('when only newer PowerShell finds a name ambiguous (New-TimeSpan -M since -Milliseconds came in 7.3), the warning says both', async () => {
    const ps1 =
      'Register-ScheduledTask Job -Action (New-ScheduledTaskAction job.cmd) -Trigger (New-ScheduledTaskTrigger -Once -At 6am -RepetitionInterval (New-TimeSpan -M 15))\n';
    expect(await messagesOf(ps1)).toEqual([
      '1 This script registers the Windows scheduled task "Job", which runs "job.cmd" once at 06:00 on the day the ' +
        'script runs, repeating every 15 minutes. PowerShell 7.3 and later refuse an ambiguous parameter name: -M on ' +
        'New-TimeSpan (it could be -Minutes or -Milliseconds); Windows PowerShell 5.1 reads it as -Minutes, as described here.',
    ]);
  });
});

describe('scheduled-task detector on triggers changed after they are made', () => {
  const register = (trigger: string): string =>
    `Register-ScheduledTask -TaskName Sync -Action (New-ScheduledTaskAction sync.cmd) -Trigger ${trigger}`;

  it.each([
    [
      '(…).Repetition',
      '$t.Repetition = (New-ScheduledTaskTrigger -Once -At 3am -RepetitionInterval (New-TimeSpan -Minutes 15) -RepetitionDuration (New-TimeSpan -Hours 12)).Repetition',
      'every day at 03:00, repeating every 15 minutes for 12 hours',
    ],
    [
      '$(…).Repetition',
      "$t.Repetition = $(New-ScheduledTaskTrigger -Once -At 3am -RepetitionInterval '00:30' -RepetitionDuration '1.00:00:00').Repetition",
      'every day at 03:00, repeating every 30 minutes for 1 day',
    ],
    [
      'another trigger variable',
      '$every5 = New-ScheduledTaskTrigger -Once -At 0am -RepetitionInterval (New-TimeSpan -Minutes 5)\n$t.Repetition = $every5.Repetition',
      'every day at 03:00, repeating every 5 minutes',
    ],
    [
      '.Repetition.Interval and .Duration',
      "$t.Repetition.Interval = 'PT1H'\n$t.Repetition.Duration = 'PT36H'",
      'every day at 03:00, repeating every hour for 1 day 12 hours',
    ],
  ])('a daily trigger given its repetition through %s is worded with it', async (_form, change, words) => {
    const ps1 = ['$t = New-ScheduledTaskTrigger -Daily -At 3am', change, register('$t')].join('\n');
    const findings = await scan(ps1);
    expect(findings.map((finding) => finding.message)).toEqual([
      `This script registers the Windows scheduled task "Sync", which runs "sync.cmd" ${words}.`,
    ]);
    expect(findings[0]?.evidence).toMatch(/^New-ScheduledTaskTrigger -Daily -At 3am; \$t\.Repetition/);
  });

  it("when a New-ScheduledTask's triggers are changed through .Triggers, by index or all of them, the registration has the change", async () => {
    const ps1 = [
      '$task = New-ScheduledTask -Action (New-ScheduledTaskAction sync.cmd) -Trigger (New-ScheduledTaskTrigger -Daily -At 3am), (New-ScheduledTaskTrigger -AtStartup)',
      "$task.Triggers[0].Repetition.Interval = 'PT15M'",
      'Register-ScheduledTask -TaskName Sync -InputObject $task',
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      '3 This script registers the Windows scheduled task "Sync", which runs "sync.cmd" every day at 03:00, ' +
        'repeating every 15 minutes; and at every system start-up.',
    ]);
  });

  it('when a trigger is changed in a way dten does not follow, the warning says what it was made as and where it changes, not a schedule', async () => {
    const ps1 = [
      '$t = New-ScheduledTaskTrigger -Daily -At 3am',
      "$t.StartBoundary = '2026-01-01T05:00:00'",
      '$t.Repetition = $saved.Repetition',
      register('$t'),
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      '4 This script registers the Windows scheduled task "Sync", which runs "sync.cmd" on a trigger made as "every ' +
        "day at 03:00\" and changed later in the script ($t.StartBoundary = '2026-01-01T05:00:00' on line 2; " +
        '$t.Repetition = $saved.Repetition on line 3); read it there.',
    ]);
  });

  it('a change made after the registration, or to a variable that holds no trigger, leaves the warning as it was', async () => {
    const ps1 = [
      '$t = New-ScheduledTaskTrigger -Daily -At 3am',
      "$settings = New-ScheduledTaskSettingsSet; $settings.ExecutionTimeLimit = 'PT2H'",
      register('$t'),
      "$t.StartBoundary = '2026-01-01T05:00:00'",
    ].join('\n');
    expect(await messagesOf(ps1)).toEqual([
      '3 This script registers the Windows scheduled task "Sync", which runs "sync.cmd" every day at 03:00.',
    ]);
  });
});
