import { describe, it, expect } from 'vitest';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { findScheduledTasks } from '../../src/preflight/detectors/scheduled-task/find-scheduled-tasks.js';
import { runTextDetector } from './run-text-detector.js';

describe('scheduled-task detector on systemd timers', () => {
  it('when a timer fires after start-up, after its own start and after the service last finished, each trigger is worded', async () => {
    const timer = [
      '[Unit]',
      'Description=Warm the dten cache',
      '',
      '[Timer]',
      'OnStartupSec=5min',
      'OnActiveSec=30s',
      'OnUnitInactiveSec=2h',
    ].join('\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'systemd/dten-warm.timer': timer });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'scheduled-task/systemd-timer', severity: 'warning', line: 5 });
    expect(findings[0]?.message).toBe(
      'The timer dten-warm.timer starts dten-warm.service 5 minutes after the service manager starts; ' +
        'and 30 seconds after the timer is started; ' +
        'and every 2 hours, counted from the last time dten-warm.service finished ' +
        '(OnStartupSec=5min; OnActiveSec=30s; OnUnitInactiveSec=2h).',
    );
  });

  it('when a timer has no trigger in its [Timer] section, nothing is reported, even with a trigger commented out or misplaced', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'systemd/dten-idle.timer': '[Unit]\nOnCalendar=daily\n\n[Timer]\n# OnCalendar=hourly\nAccuracySec=1min\n',
    });
    expect(findings).toEqual([]);
  });
});

describe('scheduled-task detector on at jobs', () => {
  it('when a script queues a job file with at -f, the file is what runs and options before the time are skipped', () => {
    const script = 'at -f /opt/dten/bin/reindex.sh midnight\nat -q b -m 02:00 <<EOF\n/opt/dten/bin/vacuum\nEOF\n';
    const tasks = findScheduledTasks('scripts/install.sh', script, 1);
    expect(tasks.map(({ line, schedule, description, command }) => ({ line, schedule, description, command }))).toEqual(
      [
        { line: 1, schedule: 'midnight', description: 'once, at midnight', command: '/opt/dten/bin/reindex.sh' },
        { line: 2, schedule: '02:00', description: 'once, at 02:00', command: '/opt/dten/bin/vacuum' },
      ],
    );
  });

  it.each([
    ['now', 'once, as soon as the script queues it'],
    ['now + 1 hour', 'once, 1 hour after the script runs'],
    ['now + 2 days', 'once, 2 days after the script runs'],
    ['4pm tomorrow', 'once, at 4pm tomorrow'],
  ])('when a script queues a job at "%s", it runs %s', (time, description) => {
    const [task] = findScheduledTasks('scripts/install.sh', `echo "/opt/dten/bin/warm" | at ${time}\n`, 1);
    expect(task).toMatchObject({ schedule: time, description, command: '/opt/dten/bin/warm' });
  });

  it('when at reads its commands from a redirect rather than a heredoc, the finding says they come from standard input', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'scripts/install.sh': '#!/bin/sh\ncd /opt/dten && at 03:00 < jobs/rebuild.txt\n',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'scheduled-task/at', line: 2, evidence: '03:00' });
    expect(findings[0]?.message).toBe(
      'This script queues an at job that runs "(commands read from standard input)" once, at 03:00 (at 03:00).',
    );
    expect(findings[0]?.remediation).toContain('atq lists it and atrm removes it');
  });

  it.each([
    ['at -t 202512241800 -f /opt/dten/bin/migrate.sh', 'once, at 18:00 on 2025-12-24', '/opt/dten/bin/migrate.sh'],
    ['at -t 2512240230.30 < job.txt', 'once, at 02:30 on 2025-12-24', '(commands read from standard input)'],
    ['echo "/opt/dten/bin/ping" | at -t 12241800', 'once, at 18:00 on 12-24 this year', '/opt/dten/bin/ping'],
  ])('when a script gives at its time with -t (%s), the job is reported at that time', (line, description, command) => {
    const [task] = findScheduledTasks('scripts/install.sh', `${line}\n`, 1);
    expect(task).toMatchObject({ kind: 'at', line: 1, description, command });
  });

  it('when a job queued with at -t is reported, the message gives its time in words and quotes the stamp', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'scripts/install.sh': '#!/bin/sh\nat -t 202512241800 -f /opt/dten/bin/migrate.sh\n',
    });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/at scripts/install.sh:2 This script queues an at job that runs "/opt/dten/bin/migrate.sh" ' +
        'once, at 18:00 on 2025-12-24 (at -t 202512241800).',
    ]);
  });

  it.each(['at -c 5 > /tmp/job5.txt', 'at -d 5', 'at -r 12', 'at -l -q b'])(
    'when a script only prints, removes or lists at jobs (%s), no job is reported as queued',
    (line) => {
      expect(findScheduledTasks('scripts/uninstall.sh', `${line}\n`, 1)).toEqual([]);
    },
  );

  it('when at is given something that is not a time, nothing is reported', () => {
    const script = 'sudo at -m -f job.sh "$WHEN"\nat -t "$STAMP" < job.txt\nat $(date -d tomorrow +%H:%M) < job.txt\n';
    expect(findScheduledTasks('scripts/post.sh', script, 1)).toEqual([]);
  });
});

describe('scheduled-task detector on crontab groups', () => {
  it('when a ( … ) | crontab - group spans several lines, each echoed line is reported on its own line', async () => {
    const script = [
      '#!/bin/bash',
      '(',
      '  crontab -l 2>/dev/null',
      '  echo "0 3 * * * /opt/dten/bin/report"',
      '  echo "30 4 * * 0 /opt/dten/bin/compact"',
      ') | crontab -',
    ].join('\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': script });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/crontab scripts/install.sh:4 A cron job runs "/opt/dten/bin/report" at 03:00, every day (0 3 * * *).',
      'scheduled-task/crontab scripts/install.sh:5 A cron job runs "/opt/dten/bin/compact" at 04:30, only on Sunday (30 4 * * 0).',
    ]);
  });

  it('when echo lines sit before a group that opened and closed on its own line, they are not taken as part of it', () => {
    const script = [
      'echo "0 1 * * * /opt/dten/bin/not-installed"',
      '(crontab -l; echo "0 2 * * * /opt/dten/bin/backup") | crontab -',
    ].join('\n');
    const tasks = findScheduledTasks('scripts/install.sh', script, 1);
    expect(tasks.map(({ line, command }) => ({ line, command }))).toEqual([
      { line: 2, command: '/opt/dten/bin/backup' },
    ]);
  });
});

describe('scheduled-task detector on at jobs with combined options', () => {
  it.each([
    ['at -mf /opt/dten/bin/reindex.sh 02:00', '02:00', 'once, at 02:00', '/opt/dten/bin/reindex.sh'],
    [
      'at -qb -f /opt/dten/bin/warm.sh now + 1 hour',
      'now + 1 hour',
      'once, 1 hour after the script runs',
      '/opt/dten/bin/warm.sh',
    ],
    ['at -f/opt/dten/bin/gc.sh noon', 'noon', 'once, at noon', '/opt/dten/bin/gc.sh'],
    ['at -mqb -f/opt/dten/bin/gc.sh midnight', 'midnight', 'once, at midnight', '/opt/dten/bin/gc.sh'],
    ['at -mu ops -f /opt/dten/bin/mail.sh 23:00', '23:00', 'once, at 23:00', '/opt/dten/bin/mail.sh'],
    [
      'at -mt 202512241800 -f /opt/dten/bin/migrate.sh',
      '-t 202512241800',
      'once, at 18:00 on 2025-12-24',
      '/opt/dten/bin/migrate.sh',
    ],
    [
      'at -Mt202512241800 < job.txt',
      '-t 202512241800',
      'once, at 18:00 on 2025-12-24',
      '(commands read from standard input)',
    ],
  ])('when a script runs "%s", options are read as getopt reads them', (line, schedule, description, command) => {
    const [task] = findScheduledTasks('scripts/install.sh', `${line}\n`, 1);
    expect(task).toMatchObject({ kind: 'at', line: 1, schedule, description, command });
  });

  it('when at -mf names the job file, the warning names that file and the time, not the file as a time', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'scripts/install.sh': '#!/bin/sh\nat -mf /opt/dten/bin/reindex.sh 02:00\n',
    });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/at scripts/install.sh:2 This script queues an at job that runs "/opt/dten/bin/reindex.sh" ' +
        'once, at 02:00 (at 02:00).',
    ]);
    expect(findings[0]?.evidence).toBe('02:00');
  });

  it.each(['at -Vr 3', 'at -Vd 12', 'at -lq b', 'at -qb -l 7'])(
    'when a script only lists or removes at jobs with combined options (%s), no job is reported as queued',
    (line) => {
      expect(findScheduledTasks('scripts/uninstall.sh', `${line}\n`, 1)).toEqual([]);
    },
  );
});

describe('scheduled-task detector on crontab brace groups', () => {
  it('when a { … } | crontab - group spans several lines, each echoed line is reported on its own line', async () => {
    const script = [
      '#!/bin/bash',
      '{',
      '  crontab -l 2>/dev/null',
      '  echo "0 3 * * * ${DTEN_HOME}/bin/report"',
      '  echo "30 4 * * 0 /opt/dten/bin/compact"',
      '} | crontab -',
    ].join('\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': script });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/crontab scripts/install.sh:4 A cron job runs "${DTEN_HOME}/bin/report" at 03:00, every day (0 3 * * *).',
      'scheduled-task/crontab scripts/install.sh:5 A cron job runs "/opt/dten/bin/compact" at 04:30, only on Sunday (30 4 * * 0).',
    ]);
  });

  it('when a { … } group is written into cron.d, the lines are system crontab lines with an account', async () => {
    const script = [
      'echo "0 1 * * * root /opt/dten/bin/not-installed"',
      '{',
      '  echo "SHELL=/bin/sh"',
      '  echo "15 1 * * * root /opt/dten/bin/rotate"',
      '} > /etc/cron.d/dten',
    ].join('\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': script });
    expect(findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scripts/install.sh:4 A cron job runs "/opt/dten/bin/rotate" as root at 01:15, every day (15 1 * * *).',
    ]);
  });
});

describe('scheduled-task detector on scripts that write system crontabs', () => {
  it('when a script only writes a heredoc into /etc/cron.d, the line is reported though the script never says "crontab"', async () => {
    const script = "#!/bin/sh\ncat <<'CRON' > /etc/cron.d/dten\n0 2 * * * root /opt/dten/bin/backup\nCRON\n";
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': script });
    expect(findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scripts/install.sh:3 A cron job runs "/opt/dten/bin/backup" as root at 02:00, every day (0 2 * * *).',
    ]);
    expect(findings[0]?.evidence).toBe('0 2 * * *');
  });

  it('when a heredoc is appended to /etc/crontab, the account field is not read as part of the command', async () => {
    const script = "#!/bin/sh\ncat >> /etc/crontab <<'CRON'\n0 2 * * * root /opt/dten/bin/backup\nCRON\n";
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': script });
    expect(findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scripts/install.sh:3 A cron job runs "/opt/dten/bin/backup" as root at 02:00, every day (0 2 * * *).',
    ]);
  });

  it('when a line is echoed through tee into cron.d or /etc/crontab, it is reported with its account', async () => {
    const script = [
      '#!/bin/sh',
      'echo "0 2 * * * root /opt/dten/bin/backup" | sudo tee /etc/cron.d/dten-backup >/dev/null',
      'echo "0 5 * * 0 postgres /opt/dten/bin/vacuum" | tee -a /etc/crontab',
      'echo "done" | tee /tmp/install.log',
    ].join('\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': script });
    expect(findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scripts/install.sh:2 A cron job runs "/opt/dten/bin/backup" as root at 02:00, every day (0 2 * * *).',
      'scripts/install.sh:3 A cron job runs "/opt/dten/bin/vacuum" as postgres at 05:00, only on Sunday (0 5 * * 0).',
    ]);
  });

  it('a line of 600 KB full of ">" (minified HTML) is read in one pass, and an echo written into cron.d after it still found', async () => {
    const script = [
      '#!/bin/sh',
      `echo '${'<div><b>x</b></div>'.repeat(30_000)}' > /var/www/index.html`,
      'echo "0 2 * * * root /opt/dten/bin/backup" >> /etc/cron.d/dten-backup',
    ].join('\n');
    const findings = await runTextDetector(createScheduledTaskDetector, { 'scripts/install.sh': script });
    expect(findings.map((finding) => `${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scripts/install.sh:3 A cron job runs "/opt/dten/bin/backup" as root at 02:00, every day (0 2 * * *).',
    ]);
  });
});
