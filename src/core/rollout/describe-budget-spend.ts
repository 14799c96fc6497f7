import { formatMinutes } from '../time/format-minutes.js';
import type { BudgetSpend } from './measure-budget-spend.js';

/** `252ms of 10m 48s spent`: the words the progress message and the verification's audit entry share. */
export function describeBudgetSpend({ spentMinutes, allowedMinutes }: BudgetSpend): string {
  return `${formatMinutes(spentMinutes)} of ${formatMinutes(allowedMinutes)} spent`;
}
