import type { Blip } from '../../../core/rollout/measure-blip.js';
import { describeBudgetSpend } from '../../../core/rollout/describe-budget-spend.js';
import type { BudgetSpend } from '../../../core/rollout/measure-budget-spend.js';
import type { HealthSample } from '../../../core/rollout/rollout.js';
import { formatDuration } from '../../../core/time/format-duration.js';
import { bucketErrorRates } from './bucket-error-rates.js';
import { formatRate } from './format-rate.js';
import { sparkline } from './sparkline.js';

/**
 * The monitoring blip in one line: the shape of the error rate, its worst, how long it stayed high and, with a
 * budget in the plan, how much of the error budget it spent.
 */
export function describeBlip(blip: Blip | undefined, samples: readonly HealthSample[], budget?: BudgetSpend): string {
  if (!blip) return '*Monitoring* no baseline measured yet';
  const rates = bucketErrorRates(samples);
  const line =
    rates.length > 0 ? ` \`${sparkline(rates, Math.max(blip.worstErrorRate, blip.baselineErrorRate))}\`` : '';
  const above =
    blip.secondsAboveBaseline > 0
      ? `above baseline for ${formatDuration(blip.secondsAboveBaseline * 1000)}`
      : 'never above baseline';
  const spent = budget
    ? ` · error budget ${describeBudgetSpend(budget)}${budget.spentMinutes > budget.allowedMinutes ? ' ⚠️' : ''}`
    : '';
  return `*Monitoring*${line} worst error rate ${formatRate(blip.worstErrorRate)} (baseline ${formatRate(blip.baselineErrorRate)}), ${above}${spent}`;
}
