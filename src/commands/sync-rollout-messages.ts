import { buildProgressSnapshot } from '../core/rollout/build-progress-snapshot.js';
import { digestPlan } from '../core/rollout/digest-plan.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { approvalCardMessage } from '../messages/chat/approval/approval-card-message.js';
import { decidedCardMessage } from '../messages/chat/approval/decided-card-message.js';
import { expiredCardMessage } from '../messages/chat/approval/expired-card-message.js';
import { progressMessage } from '../messages/chat/progress/progress-message.js';
import { statusUpdateMessage } from '../messages/chat/status/status-update-message.js';
import { announcedEntries } from './announced-entries.js';
import type { ChatContext } from './chat-context.js';
import type { ChatRecord } from './chat-record-store.js';

/**
 * Brings a rollout's chat up to date with its record: the progress message (posted once, then edited in place),
 * the approval card (posted when approval is requested, edited once decided or expired), and one status-channel
 * update per announced audit entry. Claims make each post happen once across bot replicas. Safe to call often.
 */
export async function syncRolloutMessages(ctx: ChatContext, rolloutId: string): Promise<void> {
  const [record, rollout] = await Promise.all([ctx.records.get(rolloutId), ctx.control.store.get(rolloutId)]);
  if (!record || !rollout) return;
  const now = ctx.now();
  await syncProgress(ctx, record, rollout, now);
  await syncApprovalCard(ctx, record, rollout, now);
  await announce(ctx, rollout, now);
}

async function syncProgress(ctx: ChatContext, record: ChatRecord, rollout: Rollout, now: Date): Promise<void> {
  const message = progressMessage(buildProgressSnapshot(rollout, now), { now, samples: rollout.health.samples });
  if (record.progress) {
    // Not awaited: a transport may hold edits back (Slack: about one a second); the card and status must not wait.
    ctx.surface.update(record.progress, message).catch((error: unknown) => {
      ctx.log.warn({ err: error, rolloutId: rollout.id }, 'could not edit the progress message');
    });
    return;
  }
  if (!(await ctx.records.claim(rollout.id, 'progress'))) return;
  const ref = await ctx.surface.post(record.channel, message, { threadTs: record.threadTs });
  await ctx.records.setMessage(rollout.id, 'progress', ref);
}

async function syncApprovalCard(ctx: ChatContext, record: ChatRecord, rollout: Rollout, now: Date): Promise<void> {
  const options = { preflightVerdict: record.preflightVerdict };
  const digest = digestPlan(rollout.plan);
  if (!record.approvalCard) {
    if (rollout.state !== 'awaiting-approval' || !(await ctx.records.claim(rollout.id, `card-${digest}`))) return;
    const card = approvalCardMessage(rollout, { ...options, now });
    const ref = await ctx.surface.post(record.channel, card, { threadTs: record.threadTs });
    await ctx.records.setMessage(rollout.id, 'approvalCard', ref);
    return;
  }
  const decided = rollout.approvals.findLast((approval) => approval.digest === digest);
  if (decided) {
    if (await ctx.records.claim(rollout.id, `card-decided-${digest}`)) {
      await ctx.surface.update(record.approvalCard, decidedCardMessage(rollout, decided, options));
    }
  } else if (rollout.state === 'expired' && (await ctx.records.claim(rollout.id, `card-expired-${digest}`))) {
    await ctx.surface.update(record.approvalCard, expiredCardMessage(rollout, options));
  }
}

async function announce(ctx: ChatContext, rollout: Rollout, now: Date): Promise<void> {
  const { channel, templates, product } = ctx.status;
  if (channel === undefined) return;
  for (const { index, kind } of announcedEntries(rollout)) {
    if (!(await ctx.records.claim(rollout.id, `status-${index}`))) continue;
    await ctx.surface.post(channel, statusUpdateMessage(templates, rollout, kind, { product, now }));
  }
}
