import type { ExampleEntry } from './example-entry.js';
import type { ExampleStory } from './example-story.js';

/** The systemd units and the cron.d schedule the package installs. */
export function buildExampleUnits(story: ExampleStory): ExampleEntry[] {
  const service = [
    '[Unit]',
    `Description=dten server ${story.version}`,
    'After=network-online.target postgresql.service',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    'User=dten',
    'Environment=DTEN_CONFIG=/etc/dten/dten.conf',
    'ExecStart=/opt/dten/current/bin/dten-server --config /etc/dten/dten.conf',
    'Restart=on-failure',
    'KillSignal=SIGTERM',
    'TimeoutStopSec=30',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ];
  const cron = [
    '# /etc/cron.d/dten-reindex: rebuild the dten search index every night.',
    'SHELL=/bin/sh',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    '30 2 * * * dten /opt/dten/current/bin/dten-helper reindex >/dev/null 2>&1',
    '',
  ];
  const entries: ExampleEntry[] = [
    { name: 'cron/dten-reindex', data: cron.join('\n') },
    { name: `units/${story.unit}`, data: service.join('\n') },
  ];
  if (story.state === 'previous') return entries;
  const timer = [
    '[Unit]',
    'Description=Nightly dten search reindex',
    '',
    '[Timer]',
    'OnCalendar=*-*-* 02:30:00',
    'Persistent=true',
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ];
  const reindex = [
    '[Unit]',
    'Description=dten search reindex',
    '',
    '[Service]',
    'Type=oneshot',
    'User=dten',
    'ExecStart=/opt/dten/current/bin/dten-helper reindex',
    '',
  ];
  return [
    ...entries,
    { name: 'units/dten-reindex.service', data: reindex.join('\n') },
    { name: 'units/dten-reindex.timer', data: timer.join('\n') },
  ];
}
