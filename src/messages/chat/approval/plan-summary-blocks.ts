import { digestPlan } from '../../../core/rollout/digest-plan.js';
import { allowedBudgetMinutes } from '../../../core/rollout/measure-budget-spend.js';
import type { Plan } from '../../../core/rollout/plan.js';
import { planWaves } from '../../../core/rollout/plan-waves.js';
import type { Rollout } from '../../../core/rollout/rollout.js';
import { windowEnd } from '../../../core/rollout/window-end.js';
import { formatDuration } from '../../../core/time/format-duration.js';
import { formatMinutes } from '../../../core/time/format-minutes.js';
import type { Verdict } from '../../../preflight/preflight-report.js';
import { fields } from '../../block-kit/fields.js';
import { header } from '../../block-kit/header.js';
import { section } from '../../block-kit/section.js';
import type { KnownBlock } from '../../block-kit/types.js';
import { escapeMrkdwn } from '../../escape-mrkdwn.js';
import { countOf } from '../count-of.js';
import { formatUtcRange } from '../format-utc-range.js';
import { describeBatch } from './describe-batch.js';
import { describeTargets } from './describe-targets.js';
import { describeWaves } from './describe-waves.js';
import { hostPreflightBlocks } from './host-preflight-blocks.js';

const VERDICTS: Record<Verdict, string> = {
  pass: '✅ passed',
  warnings: '⚠️ passed with warnings',
  blocked: '⛔ blocked',
  unreadable: '⛔ could not read the package',
};

/** The plan as an approver must see it, shared by the card before and after the decision. */
export function planSummaryBlocks(rollout: Rollout, preflightVerdict: Verdict | undefined): KnownBlock[] {
  const { plan } = rollout;
  const waves = planWaves(plan);
  const { window } = plan;
  const version = escapeMrkdwn(plan.packageVersion);
  return [
    header(`Upgrade to ${version} on ${countOf(plan.targets.length, 'host')}`),
    section('', {
      fields: fields(
        ['Package', `${version} · sha256 \`${plan.packageDigest.slice(0, 12)}…\``],
        ['Preflight', preflightVerdict === undefined ? 'not recorded' : VERDICTS[preflightVerdict]],
        ['Targets', describeTargets(plan.targets)],
        ['Waves', `${countOf(waves.length, 'wave')}: ${describeWaves(waves, plan.canary)}`],
        [
          'Window',
          `${formatUtcRange(window.start, windowEnd(window))} (${formatDuration(window.durationMinutes * 60_000)})`,
        ],
        ['Canary', plan.canary > 0 ? `${countOf(plan.canary, 'host')} first` : 'none'],
        ['Batch', describeBatch(plan.batch)],
        ['Max errors', describeStopRule(plan)],
        ['Bake', plan.bakeSeconds > 0 ? `${formatDuration(plan.bakeSeconds * 1000)} between waves` : 'none'],
        ['Plan digest', `\`${digestPlan(plan).slice(0, 12)}\``],
      ),
    }),
    ...hostPreflightBlocks(rollout),
  ];
}

/** When the rollout stops and rolls back: failed hosts over the limit, or the blip over its share of the budget. */
function describeStopRule(plan: Plan): string {
  const limit = plan.maxErrors.toLocaleString('en-US');
  // Within max errors the rollout carries on, and each failed host is put back as it was (its release and config).
  const hosts =
    plan.maxErrors > 0
      ? `the rollout stops when failed hosts exceed ${limit} (until then, a host that fails goes back to the old version on its own)`
      : `the rollout stops when failed hosts exceed ${limit}`;
  const budget = plan.errorBudget;
  if (budget === undefined) return hosts;
  const allowed = formatMinutes(allowedBudgetMinutes(budget));
  return `${hosts}, or when the monitoring blip spends more than ${allowed} of error budget (${budget.sharePercent}% of what ${budget.sloPercent}% over ${budget.periodDays} days allows)`;
}
