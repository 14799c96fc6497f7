import { describe, expect, it } from 'vitest';
import { createRollout } from '../../src/core/rollout/create-rollout.js';
import type { HostCleanup, Rollout } from '../../src/core/rollout/rollout.js';
import { cleanupReportMessage } from '../../src/messages/chat/commands/cleanup-report-message.js';
import { buildChatPlan } from './chat-fixtures.js';
import { blockText, expectWithinLimits } from './expect-within-limits.js';

function cleaned(state: Rollout['state'], cleanup: Record<string, HostCleanup>): Rollout {
  return { ...createRollout('rollout-9', buildChatPlan()), state, cleanup };
}

describe('the cleanup report (/dten cleanup <rollout>)', () => {
  it('of a done rollout whose cleanup failed on a host, lists each host and says how to run it again', () => {
    const message = cleanupReportMessage(
      cleaned('done', {
        'web-2': { state: 'failed', detail: 'webhook hook said: 503 from <https://hooks.example|hooks>' },
        'web-1': { state: 'done', detail: 'restored (cron file)' },
      }),
    );
    expectWithinLimits(message);
    const text = blockText(message.blocks);
    expect(message.text).toBe('Cleanup of `rollout-9`: 1 host(s) need a person');
    expect(text).toMatch(
      /✅ `web-1` done — restored \(cron file\)\n🛠️ `web-2` failed — webhook hook said: 503 from &lt;/,
    );
    expect(text).toContain('`/dten cleanup rollout-9 retry` runs them again');
  });

  it('of a rollout that failed while cleaning, says the items must be restored by hand (no retry is offered)', () => {
    const text = blockText(cleanupReportMessage(cleaned('cleaning', { 'web-1': { state: 'failed' } })).blocks);
    expect(text).toContain('restore or remove the items named above by hand');
    expect(text).not.toContain('retry');
  });

  it('when every host is clean, says nothing is left for a person', () => {
    const message = cleanupReportMessage(cleaned('done', { 'web-1': { state: 'done' } }));
    expect(message.text).toBe('Cleanup of `rollout-9`: done');
    expect(blockText(message.blocks)).toContain('Nothing is left for a person to do.');
  });

  it('of a done rollout with no host on the new version, says there was nothing to clean', () => {
    expect(cleanupReportMessage(cleaned('done', {})).text).toBe(
      'Cleanup of `rollout-9`: no host was on the new version to clean up.',
    );
  });
});
