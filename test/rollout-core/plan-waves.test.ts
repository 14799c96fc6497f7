import { describe, it, expect } from 'vitest';
import { parseBatch } from '../../src/core/rollout/parse-batch.js';
import { planSchema } from '../../src/core/rollout/plan.js';
import { planWaves } from '../../src/core/rollout/plan-waves.js';
import { buildTestPlan } from './build-test-plan.js';

const hosts = (count: number): string[] => Array.from({ length: count }, (_, i) => `h${String(i).padStart(2, '0')}`);

describe('planning waves', () => {
  it('when five hosts go out with one canary and batches of two, the waves are the canary, then two, then two', () => {
    const waves = planWaves({ targets: hosts(5), canary: 1, batch: { kind: 'count', n: 2 } });
    expect(waves).toEqual([['h00'], ['h01', 'h02'], ['h03', 'h04']]);
  });

  it('when ten hosts go out 25% at a time, each wave holds three hosts and the last one what remains', () => {
    const waves = planWaves({ targets: hosts(10), canary: 0, batch: { kind: 'percent', p: 25 } });
    expect(waves.map((wave) => wave.length)).toEqual([3, 3, 3, 1]);
    expect(waves.flat()).toEqual(hosts(10));
  });

  it('when the canary asks for more hosts than the plan targets, every host is in the single canary wave', () => {
    expect(planWaves({ targets: hosts(3), canary: 5, batch: { kind: 'count', n: 2 } })).toEqual([hosts(3)]);
  });

  it('when a percentage of the fleet is less than one host, each wave still takes one host', () => {
    const waves = planWaves({ targets: hosts(4), canary: 0, batch: { kind: 'percent', p: 1 } });
    expect(waves).toEqual([['h00'], ['h01'], ['h02'], ['h03']]);
  });

  it('when 14.3% of a thousand hosts is asked for, waves hold 143 hosts, not one more from rounding noise', () => {
    const waves = planWaves({ targets: hosts(1000), canary: 0, batch: { kind: 'percent', p: 14.3 } });
    expect(waves[0]).toHaveLength(143);
  });
});

describe('reading a batch size typed in chat', () => {
  it.each([
    ['25%', { kind: 'percent', p: 25 }],
    [' 12.5 % ', { kind: 'percent', p: 12.5 }],
    ['100%', { kind: 'percent', p: 100 }],
    ['5', { kind: 'count', n: 5 }],
  ])('when someone types %j, it is understood as %j', (text, batch) => {
    expect(parseBatch(text)).toEqual(batch);
  });

  it.each(['0', '0%', '101%', '-2', '2.5', 'five', '', '%'])(
    'when someone types %j, it is not a batch size',
    (text) => {
      expect(parseBatch(text)).toBeUndefined();
    },
  );
});

describe('a plan as the control plane stores it', () => {
  it('when no error budget is given, maxErrors is 0 so the first failed host stops the rollout', () => {
    expect(buildTestPlan().maxErrors).toBe(0);
  });

  it('when targets are typed out of order and twice, the plan holds each once, sorted', () => {
    expect(buildTestPlan({ targets: ['web-3', 'web-1', 'web-3', 'web-2'] }).targets).toEqual([
      'web-1',
      'web-2',
      'web-3',
    ]);
  });

  it('when a host id contains a colon, which BullMQ job ids cannot hold, the plan is refused', () => {
    const result = planSchema.safeParse({ ...buildTestPlan(), targets: ['web:1'] });
    expect(result.success).toBe(false);
  });

  it('when the window start is given with an offset, it is stored as the same instant in UTC', () => {
    const plan = buildTestPlan({ window: { start: '2026-03-14T23:00:00+01:00', durationMinutes: 60 } });
    expect(plan.window.start).toBe('2026-03-14T22:00:00.000Z');
  });
});
