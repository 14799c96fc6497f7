import { describe, it, expect } from 'vitest';
import { createScheduledTaskDetector } from '../../src/preflight/detectors/scheduled-task/create-scheduled-task-detector.js';
import { findScheduledTasks } from '../../src/preflight/detectors/scheduled-task/find-scheduled-tasks.js';
import { runTextDetector } from './run-text-detector.js';

const firstTask = (script: string) => findScheduledTasks('scripts/install.sh', script, 1)[0];

describe('scheduled-task detector on batch jobs (batch, at -b, an upper-case at queue)', () => {
  it.each([
    ['echo "/opt/dten/bin/reindex" | batch', 'batch', 'once, when the system load allows', '/opt/dten/bin/reindex'],
    ['batch <<EOF\n/opt/dten/bin/vacuum\nEOF', 'batch', 'once, when the system load allows', '/opt/dten/bin/vacuum'],
    ['sudo batch -f /opt/dten/bin/warm.sh', 'batch', 'once, when the system load allows', '/opt/dten/bin/warm.sh'],
    ['at -b -f /opt/dten/bin/warm.sh', '-b', 'once, when the system load allows', '/opt/dten/bin/warm.sh'],
    ['at -mb < jobs/gc.txt', '-b', 'once, when the system load allows', '(commands read from standard input)'],
    [
      'at -b 02:00 < jobs/gc.txt',
      '-b 02:00',
      'once, at 02:00, or later when the system load allows',
      '(commands read from standard input)',
    ],
    [
      'at -q B -f /opt/dten/bin/gc.sh now + 1 hour',
      '-q B now + 1 hour',
      'once, 1 hour after the script runs, or later when the system load allows',
      '/opt/dten/bin/gc.sh',
    ],
  ])('when a script runs "%s", the job runs when the load allows', (line, schedule, description, command) => {
    expect(firstTask(`${line}\n`)).toMatchObject({ kind: 'at', line: 1, schedule, description, command });
  });

  it('when a script queues a job with batch, the warning says it runs when the load allows and quotes batch', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'scripts/install.sh': '#!/bin/sh\nbatch <<EOF\n/opt/dten/bin/vacuum --full\nEOF\n',
    });
    expect(findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.message}`)).toEqual([
      'scheduled-task/at scripts/install.sh:2 This script queues an at job that runs "/opt/dten/bin/vacuum --full" ' +
        'once, when the system load allows (batch).',
    ]);
    expect(findings[0]?.evidence).toBe('batch');
    expect(findings[0]?.remediation).toContain('atq lists it and atrm removes it');
  });

  it('when a script queues a job with at -b, the warning says it runs when the load allows and quotes at -b', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'scripts/install.sh': '#!/bin/sh\nat -b -f /opt/dten/bin/reindex.sh\n',
    });
    expect(findings.map((finding) => finding.message)).toEqual([
      'This script queues an at job that runs "/opt/dten/bin/reindex.sh" once, when the system load allows (at -b).',
    ]);
  });

  it('when an at job goes to the lower-case queue b, it is an ordinary at job at its time', () => {
    expect(firstTask('at -q b 02:00 < job.txt\n')).toMatchObject({ schedule: '02:00', description: 'once, at 02:00' });
  });

  it('when "batch" is only a word, a variable or a command fed nothing, no job is reported', () => {
    const script = [
      'batch',
      'batch_size=10',
      'for batch in a b; do echo "$batch"; done',
      'echo "batch done"',
      'batch $WHEN < job.txt',
      './batch.sh',
    ].join('\n');
    expect(findScheduledTasks('scripts/install.sh', `#!/bin/sh\n${script}\n`, 1)).toEqual([]);
  });
});

describe('scheduled-task detector on at times with an increment', () => {
  it.each([
    ['now + 2 months', 'once, 2 months after the script runs'],
    ['now + 1 month', 'once, 1 month after the script runs'],
    ['now + 1 year', 'once, 1 year after the script runs'],
    ['now + 3 weeks', 'once, 3 weeks after the script runs'],
    ['now + 10 min', 'once, 10 minutes after the script runs'],
    ['now + 45 minutes', 'once, 45 minutes after the script runs'],
    ['NOW + 2 Days', 'once, 2 days after the script runs'],
    ['now+1hour', 'once, 1 hour after the script runs'],
    ['4pm + 3 days', 'once, 3 days after the next 4pm'],
    ['noon tomorrow + 1 week', 'once, 1 week after noon tomorrow'],
  ])('when a script queues a job at "%s", it runs %s', (time, description) => {
    expect(firstTask(`echo "/opt/dten/bin/warm" | at ${time}\n`)).toMatchObject({
      schedule: time,
      description,
      command: '/opt/dten/bin/warm',
    });
  });

  it('when a job is queued two months out, the warning puts that in words and quotes the time as written', async () => {
    const findings = await runTextDetector(createScheduledTaskDetector, {
      'scripts/install.sh': '#!/bin/sh\nat -f /opt/dten/bin/renew-cert.sh now + 2 months\n',
    });
    expect(findings.map((finding) => finding.message)).toEqual([
      'This script queues an at job that runs "/opt/dten/bin/renew-cert.sh" once, 2 months after the script runs ' +
        '(at now + 2 months).',
    ]);
  });
});
