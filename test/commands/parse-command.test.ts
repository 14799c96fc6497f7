import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse/parse-command.js';
import { parseStartTime } from '../../src/commands/parse/parse-start-time.js';
import { isUserError } from '../../src/core/errors/user-error.js';
import { describeUserError } from '../../src/messages/user-error-text.js';

const NOW = new Date('2026-11-28T15:20:00Z');

function refusal(text: string): string {
  try {
    parseCommand(text, NOW);
  } catch (error) {
    if (isUserError(error)) return describeUserError(error);
    throw error;
  }
  throw new Error(`"${text}" parsed`);
}

describe('reading /dten commands', () => {
  it('reads a full plan with a window, canary, batch, max errors and bake time', () => {
    expect(
      parseCommand(
        'plan Full-upgrade-package-dten.zip to web-1,web-2,web-3 window 22:00 for 1h canary 1 batch 50% max-errors 1 bake 10m',
        NOW,
      ),
    ).toEqual({
      kind: 'plan',
      package: 'Full-upgrade-package-dten.zip',
      hosts: { ids: ['web-1', 'web-2', 'web-3'] },
      window: { start: new Date('2026-11-28T22:00:00Z'), minutes: 60 },
      canary: 1,
      batch: { kind: 'percent', p: 50 },
      maxErrors: 1,
      bakeSeconds: 600,
    });
  });

  it('reads hosts as a label selector, windows with spaces, and Slack-escaped URLs', () => {
    expect(
      parseCommand(
        'plan <https://vendor.example/p.zip|p.zip> to env=prod,role!=db window in 30m for 1 hour 30 minutes batch 2',
        NOW,
      ),
    ).toMatchObject({
      package: 'https://vendor.example/p.zip',
      hosts: {
        labels: [
          { key: 'env', op: '=', value: 'prod' },
          { key: 'role', op: '!=', value: 'db' },
        ],
      },
      window: { start: new Date('2026-11-28T15:50:00Z'), minutes: 90 },
      batch: { kind: 'count', n: 2 },
    });
    // A duration with spaces ends where the next option begins, whichever it is.
    expect(parseCommand('plan p.zip to web-1 bake 2 minutes 30 seconds canary 0', NOW)).toMatchObject({
      bakeSeconds: 150,
      canary: 0,
    });
  });

  it('reads the short commands', () => {
    expect(parseCommand('', NOW)).toEqual({ kind: 'help' });
    expect(parseCommand('status', NOW)).toEqual({ kind: 'status' });
    expect(parseCommand('STATUS r261128-3fa2', NOW)).toEqual({ kind: 'status', rolloutId: 'r261128-3fa2' });
    expect(parseCommand('pause r1', NOW)).toEqual({ kind: 'pause', rolloutId: 'r1' });
    expect(parseCommand('cleanup r1', NOW)).toEqual({ kind: 'cleanup', rolloutId: 'r1' });
    expect(parseCommand('cleanup r1 RETRY', NOW)).toEqual({ kind: 'cleanup', rolloutId: 'r1', retry: true });
    expect(refusal('cleanup r1 again')).toContain('Try `/dten cleanup <rollout> [retry]`');
    expect(parseCommand('window r1 extend 30m', NOW)).toEqual({ kind: 'extend', rolloutId: 'r1', minutes: 30 });
    expect(parseCommand('preflight pkg.zip on web-1', NOW)).toEqual({
      kind: 'preflight',
      package: 'pkg.zip',
      hosts: { ids: ['web-1'] },
    });
    expect(parseCommand('hosts env=prod', NOW)).toMatchObject({
      kind: 'hosts',
      selector: { labels: [{ key: 'env' }] },
    });
    expect(parseCommand('lock prod change freeze for Black Friday', NOW)).toEqual({
      kind: 'lock',
      env: 'prod',
      reason: 'change freeze for Black Friday',
    });
    expect(parseCommand('unlock prod', NOW)).toEqual({ kind: 'unlock', env: 'prod' });
  });

  it('when the verb is mistyped, says so and suggests the closest command', () => {
    expect(refusal('plna pkg.zip to web-1')).toBe(
      '`plna` is not a dten command. Try `/dten plan <package> to <hosts> [window <start> for <duration>] [canary N] [batch N|N%] [max-errors N] [bake <duration>]` (`/dten help` lists every command).',
    );
    expect(refusal('rollbak r1')).toContain('Try `/dten rollback <rollout>`');
    expect(refusal('deploy everything')).toContain('Try `/dten help`');
  });

  it('when a command is malformed, names what was wrong and shows that command', () => {
    expect(refusal('plan pkg.zip web-1')).toContain(
      '`plan` needs `to <hosts>` after the package. Try `/dten plan <package>',
    );
    expect(refusal('plan pkg.zip to web-1 window tomorrowish for 1h')).toContain('`tomorrowish` is not a time');
    expect(refusal('plan pkg.zip to web-1 batch 0')).toContain('`batch 0` is not a batch size');
    expect(refusal('plan pkg.zip to web-1 canary two')).toContain('`canary` takes a whole number');
    expect(refusal('plan pkg.zip to web-1 colour blue')).toContain('`colour` is not a plan option');
    expect(refusal('plan pkg.zip to web-1 bake a while')).toContain('`bake a while` is not a duration like `10m`');
    expect(refusal('pause')).toContain('`pause` needs the rollout id');
    expect(refusal('window r1 extend 10s')).toContain('is not a duration of a minute or more');
    expect(refusal('status r1 now')).toContain('`now` was not understood');
    expect(refusal('plan pkg.zip to web:1')).toContain('`web:1` is not a host id');
  });
});

describe('reading window start times, always in UTC', () => {
  it.each([
    ['now', '2026-11-28T15:20:00.000Z'],
    ['in 2h', '2026-11-28T17:20:00.000Z'],
    ['+45m', '2026-11-28T16:05:00.000Z'],
    ['22:00', '2026-11-28T22:00:00.000Z'],
    ['09:00 UTC', '2026-11-29T09:00:00.000Z'],
    ['2026-12-01 02:00', '2026-12-01T02:00:00.000Z'],
    ['2026-12-01T02:00Z', '2026-12-01T02:00:00.000Z'],
    ['2026-12-01T02:00+01:00', '2026-12-01T01:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseStartTime(text, NOW)?.toISOString()).toBe(iso);
  });

  it.each(['soon', '25:00', '2026-13-01 02:00', 'in forever'])('%s is refused', (text) => {
    expect(parseStartTime(text, NOW)).toBeUndefined();
  });
});
