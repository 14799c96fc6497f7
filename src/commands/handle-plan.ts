import { UserError } from '../core/errors/user-error.js';
import type { PlanInput } from '../core/rollout/plan.js';
import { checkHostsFree } from '../control/check-hosts-free.js';
import { commandRollout } from '../control/command-rollout.js';
import { planRollout } from '../control/plan-rollout.js';
import { planMessage } from '../messages/chat/commands/plan-message.js';
import type { ChatContext } from './chat-context.js';
import { checkEnvironmentLocks } from './check-environment-locks.js';
import type { CommandRequest } from './command-request.js';
import type { ParsedCommand } from './parse/parsed-command.js';
import { selectTargets } from './select-targets.js';
import { syncRolloutMessages } from './sync-rollout-messages.js';

/**
 * `/dten plan …`: the package is checked first (a blocked or unreadable package is never planned), then the rollout
 * is recorded and its driver runs the per-host preflight; the approval card follows in the plan's thread.
 */
export async function handlePlan(
  ctx: ChatContext,
  request: CommandRequest,
  command: Extract<ParsedCommand, { kind: 'plan' }>,
): Promise<void> {
  const targets = selectTargets(command.hosts, await ctx.hosts.list());
  await checkEnvironmentLocks(ctx.locks, targets);
  await checkHostsFree(
    ctx.control,
    targets.map((host) => host.hostId),
  );
  const pkg = await ctx.packages.resolve(command.package, request.files ?? []);
  const now = ctx.now();
  const window = command.window ?? { start: now, minutes: ctx.defaults.windowMinutes };
  const inventory = Object.fromEntries(targets.map((host) => [host.hostId, host.components]));
  const { report, release } = await ctx.checkPackage(pkg, { inventory, windowMinutes: window.minutes });
  if (report.verdict === 'blocked' || report.verdict === 'unreadable' || !report.package.version) {
    throw new UserError('package-blocked', { name: pkg.name, blockers: Math.max(1, report.counts.blocker) });
  }
  const plan: PlanInput = {
    // The digest of the file the preflight read (from its own open file), not of whatever the store hashed before:
    // agents install only a package with this digest, so what runs is what was checked.
    packageDigest: report.package.sha256,
    packageVersion: report.package.version,
    packageSource: pkg.source,
    targets: targets.map((host) => host.hostId),
    canary: command.canary ?? Math.min(ctx.defaults.canary, Math.max(0, targets.length - 1)),
    batch: command.batch ?? { kind: 'percent', p: ctx.defaults.batchPercent },
    maxErrors: command.maxErrors ?? 0,
    bakeSeconds: command.bakeSeconds ?? 0,
    window: { start: window.start.toISOString(), durationMinutes: window.minutes },
    requester: request.user,
    ...(ctx.errorBudget && { errorBudget: ctx.errorBudget }),
  };
  const rollout = await planRollout(ctx.control, release ? { plan, release } : { plan });
  const posted = await ctx.surface
    .post(request.channel, planMessage(rollout, report.verdict, now))
    .catch(async (error: unknown) => {
      // Nobody can see or approve a plan whose message never appeared: end it (its per-host preflight only reads)
      // rather than leave a draft no chat knows of. The person hears why the post failed.
      const detail = 'the plan message could not be posted in the channel; plan again where dten can post';
      await commandRollout(
        ctx.control,
        rollout.id,
        { kind: 'abort', detail },
        { kind: 'user', id: request.user },
      ).catch((abortError: unknown) =>
        ctx.log.warn({ rolloutId: rollout.id, err: abortError }, 'could not end a plan whose message failed'),
      );
      throw error;
    });
  await ctx.records.put({
    rolloutId: rollout.id,
    channel: request.channel,
    threadTs: posted.ts,
    preflightVerdict: report.verdict,
  });
  ctx.log.info({ rolloutId: rollout.id, targets: plan.targets.length }, 'rollout planned');
  await syncRolloutMessages(ctx, rollout.id);
}
