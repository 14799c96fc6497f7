import { describe, expect, it } from 'vitest';
import type { AgentFacts } from '../../src/jobs/agent-facts.js';
import { hostsMessage } from '../../src/messages/chat/commands/hosts-message.js';
import { blockText, expectWithinLimits } from './expect-within-limits.js';

const seenAt = '2026-11-29T12:00:00Z';
const host = (hostId: string): AgentFacts => ({
  hostId,
  labels: { env: 'prod' },
  components: { dten: '4.1.0' },
  units: ['dten.service'],
  scheduledTasks: [],
  configKeys: [],
  freeDiskBytes: 10 * 1024 ** 3,
  agentVersion: '0.1.0',
  seenAt,
});

describe('the hosts message', () => {
  it('says which rollout holds each host, and which a failed or done rollout left changed', () => {
    const message = hostsMessage([host('web-3'), host('web-1'), host('web-2'), host('web-4')], {
      aliveSince: new Date('2026-11-29T11:59:00Z'),
      holders: new Map([
        ['web-1', 'r-running'],
        ['web-2', 'r-failed'],
        ['web-4', 'r-done'],
      ]),
      endedHolders: new Map([
        ['r-failed', 'failed'],
        ['r-done', 'done'],
      ]),
    });
    expectWithinLimits(message);
    expect(blockText(message.blocks).split('\n').slice(1, 5)).toEqual([
      '🟢 `web-1` · env=prod · dten 4.1.0 · reporting · in rollout `r-running`',
      '🟢 `web-2` · env=prod · dten 4.1.0 · reporting · left changed by failed rollout `r-failed`',
      '🟢 `web-3` · env=prod · dten 4.1.0 · reporting',
      '🟢 `web-4` · env=prod · dten 4.1.0 · reporting · left changed by rollout `r-done` (done)',
    ]);
  });
});
