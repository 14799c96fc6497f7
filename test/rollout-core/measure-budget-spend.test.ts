import { describe, expect, it } from 'vitest';
import { buildProgressSnapshot } from '../../src/core/rollout/build-progress-snapshot.js';
import { checkErrorBudget } from '../../src/core/rollout/check-error-budget.js';
import { allowedBudgetMinutes, measureBudgetSpend } from '../../src/core/rollout/measure-budget-spend.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { buildTestPlan, minutesInto, WINDOW_START } from './build-test-plan.js';
import { rolloutIn } from './rollout-fixtures.js';

const BUDGET = { sloPercent: 99.9, periodDays: 30, sharePercent: 25 };
const at = (minutes: number): string => minutesInto(WINDOW_START, minutes).toISOString();

/** Ten hosts, a 1% baseline, and the samples the agents reported. */
function rolloutWith(samples: Rollout['health']['samples'], errorBudget = BUDGET): Rollout {
  return rolloutIn('running', { health: { baselineErrorRate: 0.01, samples } }, buildTestPlan({ errorBudget }, 10));
}

describe('the error budget a rollout spends', () => {
  it('allows a share of what the objective lets fail over its period: 25% of 0.1% of 30 days is 10.8 minutes', () => {
    expect(allowedBudgetMinutes(BUDGET)).toBeCloseTo(10.8, 10);
    expect(allowedBudgetMinutes({ sloPercent: 99, periodDays: 7, sharePercent: 100 })).toBeCloseTo(100.8, 10);
  });

  it('counts one host of ten failing half its requests above baseline for eight minutes as 0.4 minutes of the fleet', () => {
    const rollout = rolloutWith([
      { at: at(0), host: 'web-01', errorRate: 0.51 },
      { at: at(3), host: 'web-01', errorRate: 0.51 },
      { at: at(20), host: 'web-01', errorRate: 0.01 },
      // Below the baseline spends nothing, and does not earn any back.
      { at: at(0), host: 'web-02', errorRate: 0 },
    ]);
    // The first sample holds until the second (3 minutes), the second for the five minutes a sample stands for.
    expect(measureBudgetSpend(rollout, minutesInto(WINDOW_START, 60))?.spentMinutes).toBeCloseTo(0.4, 10);
  });

  it('holds a sample five minutes at most, so one high reading does not keep spending through a bake or a pause', () => {
    const rollout = rolloutWith([{ at: at(0), host: 'web-03', errorRate: 1.01 }], { ...BUDGET, sharePercent: 1 });
    expect(measureBudgetSpend(rollout, minutesInto(WINDOW_START, 2))?.spentMinutes).toBeCloseTo(0.2, 10);
    expect(measureBudgetSpend(rollout, minutesInto(WINDOW_START, 600))?.spentMinutes).toBeCloseTo(0.5, 10);
    expect(checkErrorBudget(rollout, minutesInto(WINDOW_START, 2))).toBeUndefined();
    expect(checkErrorBudget(rollout, minutesInto(WINDOW_START, 600))).toBe(
      'the monitoring blip spent 30s of error budget (the whole fleet failing), more than the 26s this rollout may spend (1% of what 99.9% over 30 days allows)',
    );
  });

  it('spends nothing without a budget in the plan or a baseline to measure against', () => {
    const samples = [{ at: at(0), host: 'web-01', errorRate: 1 }];
    const noBudget = rolloutIn('running', { health: { baselineErrorRate: 0, samples } }, buildTestPlan({}, 10));
    expect(measureBudgetSpend(noBudget, minutesInto(WINDOW_START, 600))).toBeUndefined();
    expect(checkErrorBudget(noBudget, minutesInto(WINDOW_START, 600))).toBeUndefined();
    const noBaseline = { ...rolloutWith(samples), health: { samples } };
    expect(measureBudgetSpend(noBaseline, minutesInto(WINDOW_START, 600))).toBeUndefined();
  });

  it('counts up to the verification: the progress message of a done rollout shows what its waves spent, then and later', () => {
    const system = { kind: 'system', id: 'control-plane' } as const;
    const ended: Rollout = {
      ...rolloutWith([{ at: at(0), host: 'web-01', errorRate: 0.51 }]),
      state: 'done',
      audit: [
        { at: at(2), actor: system, event: 'verify-ok', from: 'verifying', to: 'cleaning' },
        { at: at(4), actor: system, event: 'cleanup-finished', from: 'cleaning', to: 'done' },
      ],
    };
    for (const minute of [4, 600]) {
      const { budget } = buildProgressSnapshot(ended, minutesInto(WINDOW_START, minute));
      expect(budget?.spentMinutes).toBeCloseTo(0.1, 10);
      expect(budget?.allowedMinutes).toBeCloseTo(10.8, 10);
    }
  });
});
