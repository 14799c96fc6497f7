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

  it('counts one host of ten failing half its requests above baseline for ten minutes as half a minute of the fleet', () => {
    const rollout = rolloutWith([
      { at: at(0), host: 'web-01', errorRate: 0.51 },
      { at: at(10), host: 'web-01', errorRate: 0.01 },
      // Below the baseline spends nothing, and does not earn any back.
      { at: at(0), host: 'web-02', errorRate: 0 },
    ]);
    expect(measureBudgetSpend(rollout, minutesInto(WINDOW_START, 60))?.spentMinutes).toBeCloseTo(0.5, 10);
  });

  it("holds a host's last sample until now, so a host that stays degraded keeps spending", () => {
    const rollout = rolloutWith([{ at: at(0), host: 'web-03', errorRate: 1.01 }]);
    expect(measureBudgetSpend(rollout, minutesInto(WINDOW_START, 30))?.spentMinutes).toBeCloseTo(3, 10);
    expect(checkErrorBudget(rollout, minutesInto(WINDOW_START, 100))).toBeUndefined();
    expect(checkErrorBudget(rollout, minutesInto(WINDOW_START, 120))).toBe(
      'the monitoring blip spent 12m of error budget (the whole fleet failing), more than the 10m 48s this rollout may spend (25% of what 99.9% over 30 days allows)',
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

  it('stops counting when the rollout ended: the progress message of a done rollout shows what it spent', () => {
    const ended: Rollout = {
      ...rolloutWith([{ at: at(0), host: 'web-01', errorRate: 0.51 }]),
      state: 'done',
      audit: [
        {
          at: at(4),
          actor: { kind: 'system', id: 'control-plane' },
          event: 'cleanup-finished',
          from: 'cleaning',
          to: 'done',
        },
      ],
    };
    const later = buildProgressSnapshot(ended, minutesInto(WINDOW_START, 600));
    expect(later.budget?.spentMinutes).toBeCloseTo(0.2, 10);
    expect(later.budget?.allowedMinutes).toBeCloseTo(10.8, 10);
  });
});
