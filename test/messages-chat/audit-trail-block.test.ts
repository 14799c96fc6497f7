import { describe, expect, it } from 'vitest';
import { createRollout } from '../../src/core/rollout/create-rollout.js';
import { transition } from '../../src/core/rollout/transition.js';
import { auditTrailBlock } from '../../src/messages/chat/commands/audit-trail-block.js';
import { at, bob, buildChatPlan, controlPlane } from './chat-fixtures.js';
import { blockText } from './expect-within-limits.js';

function approvedAndRunning() {
  const steps = ['preflight-passed', 'request-approval', 'approve', 'schedule'] as const;
  const ready = steps.reduce(
    (r, event) => transition(r, event, bob, at(-60)),
    createRollout('rollout-5', buildChatPlan()),
  );
  return transition(ready, 'window-opened', controlPlane, at(0));
}

describe('the audit log shown with /dten status <rollout>', () => {
  it('says when, who, what and why for each entry, oldest first, with details escaped', () => {
    const paused = transition(approvedAndRunning(), 'pause', bob, at(5), 'waiting on <!here> *DBA*');
    const text = blockText([auditTrailBlock(paused)]);
    const lines = text.split('\n');
    expect(lines[0]).toBe('*Audit log*');
    expect(lines.at(-2)).toMatch(/^`2026-03-14 22:00 UTC` dten: window opened → running$/);
    expect(lines.at(-1)).toBe(`\`2026-03-14 22:05 UTC\` <@${bob.id}>: pause → paused — waiting on &lt;!here&gt; ∗DBA∗`);
  });

  it('keeps the latest entries and says how many there were', () => {
    let rollout = approvedAndRunning();
    for (let minute = 1; minute <= 20; minute++)
      rollout = transition(rollout, { name: 'extend-window', minutes: 5 }, bob, at(minute));
    const text = blockText([auditTrailBlock(rollout, 12)]);
    expect(text.split('\n')[0]).toBe(`*Audit log* (the last 12 of ${rollout.audit.length})`);
    expect(text.split('\n')).toHaveLength(13);
    expect(text).toContain('`2026-03-14 22:20 UTC`');
    expect(text).not.toContain('preflight passed');
  });
});
