import { formatMinutes } from '../time/format-minutes.js';
import { measureBudgetSpend, type BudgetSpend } from './measure-budget-spend.js';
import type { Rollout } from './rollout.js';

/**
 * Whether the monitoring blip has spent more of the error budget than the plan lets this rollout spend; when it has,
 * why, in the words the audit log and chat show. Undefined while within it, or without a budget or baseline. A caller
 * that measured the spend already passes it.
 */
export function checkErrorBudget(
  rollout: Pick<Rollout, 'plan' | 'health'>,
  now: Date,
  spend: BudgetSpend | undefined = measureBudgetSpend(rollout, now),
): string | undefined {
  const budget = rollout.plan.errorBudget;
  if (spend === undefined || budget === undefined || spend.spentMinutes <= spend.allowedMinutes) return undefined;
  return `the monitoring blip spent ${formatMinutes(spend.spentMinutes)} of error budget (the whole fleet failing), more than the ${formatMinutes(spend.allowedMinutes)} this rollout may spend (${budget.sharePercent}% of what ${budget.sloPercent}% over ${budget.periodDays} days allows)`;
}
