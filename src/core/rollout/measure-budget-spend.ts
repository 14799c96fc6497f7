import type { ErrorBudget } from './plan.js';
import type { Rollout } from './rollout.js';

/** The error budget this rollout has spent and may spend, in minutes of the whole fleet failing every request. */
export interface BudgetSpend {
  spentMinutes: number;
  allowedMinutes: number;
}

const MINUTES_PER_DAY = 24 * 60;
/**
 * How long one health sample stands for its host. The agents report health when a step ends, not continuously, so a
 * sample is a moment: held until the host's next one, but never longer than this, or one high reading would keep
 * spending through a bake, a pause overnight or a long window with nothing new known.
 */
export const SAMPLE_HOLD_MS = 5 * 60_000;

/** What one rollout may spend: the requests the objective lets fail over its period, times the rollout's share. */
export function allowedBudgetMinutes(budget: ErrorBudget): number {
  return (1 - budget.sloPercent / 100) * budget.periodDays * MINUTES_PER_DAY * (budget.sharePercent / 100);
}

/**
 * The budget spent until `until`: each host's error rate above the baseline, held from its sample to its next one (or
 * `until`, at most SAMPLE_HOLD_MS), summed over time and divided by the fleet's size, so one host of ten failing
 * everything for five minutes spends half a minute. Undefined without a budget in the plan or a baseline.
 */
export function measureBudgetSpend(rollout: Pick<Rollout, 'plan' | 'health'>, until: Date): BudgetSpend | undefined {
  const { errorBudget } = rollout.plan;
  const baseline = rollout.health.baselineErrorRate;
  if (errorBudget === undefined || baseline === undefined) return undefined;
  const byHost = new Map<string, { at: number; excess: number }[]>();
  for (const sample of rollout.health.samples) {
    const list = byHost.get(sample.host) ?? [];
    list.push({ at: Date.parse(sample.at), excess: Math.max(0, sample.errorRate - baseline) });
    byHost.set(sample.host, list);
  }
  let failedMs = 0;
  for (const list of byHost.values()) {
    list.sort((a, b) => a.at - b.at);
    list.forEach((sample, i) => {
      const end = Math.min(list[i + 1]?.at ?? Math.max(sample.at, until.getTime()), sample.at + SAMPLE_HOLD_MS);
      failedMs += sample.excess * (end - sample.at);
    });
  }
  return {
    spentMinutes: failedMs / Math.max(1, rollout.plan.targets.length) / 60_000,
    allowedMinutes: allowedBudgetMinutes(errorBudget),
  };
}
