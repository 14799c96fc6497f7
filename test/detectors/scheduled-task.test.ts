import { describe, it, expect } from 'vitest';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { findScheduledTasks } from '../../src/preflight/detectors/scheduled-task/find-scheduled-tasks.js';
import { runTextDetector } from './run-text-detector.js';

const INSTALL_SH = [
  '#!/bin/bash',
  '# at 02:00 the vendor used to run backups by hand',
  "crontab - <<'CRON'",
  'MAILTO=ops@example.com',
  '*/15 * * * * /opt/dten/bin/poll --password=hunter2hunter2hunter2 >/dev/null',
  '@daily /opt/dten/bin/rotate-logs',
  'CRON',
  '(crontab -l 2>/dev/null; echo "0 3 * * 1-5 /opt/dten/bin/report") | crontab -',
  'echo "/opt/dten/bin/reindex --all" | at 02:00',
  'at now + 5 minutes <<JOB',
  'systemctl restart dten-server',
  'JOB',
  "cat > /etc/cron.d/dten-vacuum <<'CRON'",
  '30 4 1 * * postgres /opt/dten/bin/vacuum',
  'CRON',
  'echo "install started at 02:00"',
].join('\n');

describe('scheduled-task detector', () => {
  it('when a script pipes a schedule into crontab -, the task is reported with its schedule in words', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': INSTALL_SH });
    const poll = findings.find((finding) => finding.line === 5);
    expect(poll).toMatchObject({ category: 'scheduled-task', severity: 'warning', rule: 'scheduled-task/crontab' });
    expect(poll?.message).toContain('every 15 minutes');
    expect(poll?.remediation).toMatch(/pause it for the maintenance window.*restore it afterwards/i);
    const report = findings.find((finding) => finding.line === 8);
    expect(report?.message).toBe(
      'A cron job runs "/opt/dten/bin/report" at 03:00, Monday through Friday (0 3 * * 1-5).',
    );
  });

  it('when a crontab line carries a password, the finding shows it masked and never in full', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': INSTALL_SH });
    const text = JSON.stringify(findings);
    expect(text).not.toContain('hunter2hunter2hunter2');
    expect(findings.find((finding) => finding.line === 5)?.message).toContain('--password=hunt…(21 chars, masked)');
  });

  it('when a cron command carries a key the credential detector knows, it is masked even without a password= label', () => {
    const line = '0 * * * * curl -H "X-Api: AKIAIOSFODNN7EXAMPLF" https://updates.dten-vendor.com/ping\n';
    const [task] = findScheduledTasks('cron/dten.cron', line, 1);
    expect(task?.command).toContain('AKIA…(20 chars, masked)');
    expect(task?.command).not.toContain('AKIAIOSFODNN7EXAMPLF');
  });

  it('when a script writes a line into /etc/cron.d, the task says which account runs it', () => {
    const tasks = findScheduledTasks('scripts/install.sh', INSTALL_SH, 1);
    expect(tasks.find((task) => task.line === 14)).toMatchObject({
      kind: 'crontab',
      schedule: '30 4 1 * *',
      description: 'at 04:30, on day 1 of the month',
      command: '/opt/dten/bin/vacuum',
      user: 'postgres',
    });
  });

  it('when a script queues at jobs, both the piped and the heredoc form are found, and prose about "at 02:00" is not', () => {
    const atJobs = findScheduledTasks('scripts/install.sh', INSTALL_SH, 1).filter((task) => task.kind === 'at');
    expect(
      atJobs.map(({ line, schedule, description, command }) => ({ line, schedule, description, command })),
    ).toEqual([
      { line: 9, schedule: '02:00', description: 'once, at 02:00', command: '/opt/dten/bin/reindex --all' },
      {
        line: 10,
        schedule: 'now + 5 minutes',
        description: 'once, 5 minutes after the script runs',
        command: 'systemctl restart dten-server',
      },
    ]);
  });

  it('when a segment of a large script starts at line 1001, reported lines count from there', () => {
    const tasks = findScheduledTasks('scripts/big.sh', 'echo ok\necho "0 2 * * * /opt/x" | crontab -\n', 1001);
    expect(tasks.map((task) => task.line)).toEqual([1002]);
  });

  it('when a cron.d file holds system crontab lines, the user field is not mistaken for the command', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'rootfs/etc/cron.d/dten': 'SHELL=/bin/sh\n# nightly\n0 2 * * * root /opt/dten/bin/backup --full\n',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'rootfs/etc/cron.d/dten', line: 3 });
    expect(findings[0]?.message).toBe(
      'A cron job runs "/opt/dten/bin/backup --full" as root at 02:00, every day (0 2 * * *).',
    );
  });

  it('when a user crontab file (*.cron) holds macros, @reboot reads as start-up', () => {
    const tasks = findScheduledTasks(
      'cron/dten.cron',
      '@reboot /opt/dten/bin/warm-cache\n@weekly /opt/dten/bin/compact\n',
      1,
    );
    expect(tasks.map((task) => task.description)).toEqual(['at every system start-up', 'at 00:00, only on Sunday']);
  });

  it('when a file sits in cron.daily, the whole file is a daily task named after it', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'etc/cron.daily/dten-purge': '#!/bin/sh\n/opt/x\n',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'scheduled-task/cron-directory', line: 1 });
    expect(findings[0]?.message).toBe('Cron runs this script every day: it sits in cron.daily.');
    expect(findings[0]?.remediation).toContain('run-parts skips it');
  });

  it('when a systemd timer has calendar and monotonic triggers, each is worded and the unit it starts is named', async () => {
    const timer = [
      '[Unit]',
      'Description=Nightly dten export',
      '',
      '[Timer]',
      'OnCalendar=Mon..Fri *-*-* 02:30:00',
      'OnBootSec=10min',
      'OnUnitActiveSec=1h 30min',
      'Unit=dten-export.service',
      '',
      '[Install]',
      'WantedBy=timers.target',
    ].join('\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'systemd/dten-export.timer': timer });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'scheduled-task/systemd-timer', line: 5 });
    expect(findings[0]?.message).toBe(
      'The timer dten-export.timer starts dten-export.service at 02:30, Monday through Friday; and 10 minutes after boot; ' +
        'and every 1 hour 30 minutes, counted from the last start of dten-export.service ' +
        '(OnCalendar=Mon..Fri *-*-* 02:30:00; OnBootSec=10min; OnUnitActiveSec=1h 30min).',
    );
    expect(findings[0]?.remediation).toContain('systemctl stop dten-export.timer');
  });

  it('when a timer names no Unit=, it starts the service of the same name', () => {
    const [task] = findScheduledTasks('units/dten-gc.timer', '[Timer]\nOnCalendar=*:0/15\n', 1);
    expect(task).toMatchObject({ command: 'dten-gc.service', description: 'every 15 minutes', name: 'dten-gc.timer' });
  });

  it.each([
    ['weekly Europe/Berlin', 'at 00:00, only on Monday (Europe/Berlin time)'],
    ['*-*-01 04:00', 'at 04:00, on day 1 of the month'],
    ['*-*-* 02:30:15', 'on the calendar "*-*-* 02:30:15"'],
  ])('OnCalendar=%s is worded as the agent reads it: %s', (calendar, words) => {
    const [task] = findScheduledTasks('units/t.timer', `[Timer]\nOnCalendar=${calendar}\n`, 1);
    expect(task?.description).toBe(words);
  });

  it('when an OnCalendar expression has no cron equivalent, the expression itself is quoted', () => {
    const [task] = findScheduledTasks('units/once.timer', '[Timer]\nOnCalendar=2025-12-24 18:00\n', 1);
    expect(task?.description).toBe('on the calendar "2025-12-24 18:00"');
  });

  it('when a batch file creates a Windows task with a run-as password, the schedule is worded and the password is not kept', async () => {
    const bat =
      'schtasks /create /tn "Dten Backup" /tr "C:\\dten\\backup.cmd" /sc WEEKLY /d MON,FRI /st 02:00 /ru svc-dten /rp S3cretPassw0rd!\n';
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.bat': bat });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe(
      'This script creates the Windows scheduled task "Dten Backup", which runs "C:\\dten\\backup.cmd" as svc-dten every week on Monday, Friday at 02:00.',
    );
    expect(findings[0]?.remediation).toContain('schtasks /change /tn "Dten Backup" /disable');
    expect(JSON.stringify(findings)).not.toContain('S3cretPassw0rd');
  });

  it('when schtasks runs a task at start-up or every few minutes, the words say so', () => {
    const tasks = findScheduledTasks(
      'scripts/setup.ps1',
      'schtasks /create /tn Warm /tr warm.cmd /sc ONSTART\nschtasks.exe /Create /TN Poll /TR poll.cmd /SC MINUTE /MO 10\n',
      1,
    );
    expect(tasks.map((task) => task.description)).toEqual(['at every system start-up', 'every 10 minutes']);
  });

  it('when documentation shows crontab examples, nothing is reported', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'README.md': 'Run:\n\n    echo "0 2 * * * /opt/x" | crontab -\n',
      'docs/cron.md': '0 2 * * * /opt/x\n',
    });
    expect(findings).toEqual([]);
  });

  it('when a script is named like a document (history.sh), it is still read as a script', () => {
    const tasks = findScheduledTasks('history.sh', 'echo "0 1 * * 0 /opt/dten/bin/prune" | crontab -\n', 1);
    expect(tasks.map((task) => task.schedule)).toEqual(['0 1 * * 0']);
  });

  it('when a script only lists the crontab or mentions cron in comments, nothing is reported', () => {
    const text = 'crontab -l > /tmp/backup.cron\n# echo "0 2 * * * /opt/x" | crontab -\necho "see at(1)"\n';
    expect(findScheduledTasks('scripts/pre.sh', text, 1)).toEqual([]);
  });
});
