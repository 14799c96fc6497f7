import type { HostState } from '../core/rollout/host-state.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { formatDuration } from '../core/time/format-duration.js';
import { hostJobId } from '../jobs/job-id.js';
import type { HostStep } from '../jobs/job-names.js';
import type { ControlContext } from './control-context.js';
import { enqueueHostJobs } from './enqueue-host-jobs.js';
import type { HostJobStatus } from './host-job-port.js';

/** A host step that ended: the agent's result, its refusal or failure, or the control plane giving up on it. */
export type HostStepEnd =
  | { host: string; ended: 'completed'; result: unknown }
  | { host: string; ended: 'failed'; reason: string }
  | { host: string; ended: 'unreachable'; reason: string };

export interface WatchedHosts {
  ended: HostStepEnd[];
  /** Hosts whose step is still queued or running. */
  pending: string[];
}

/**
 * Looks at `step` on each host (`since`: when it was asked for): a job that is missing is queued (the id keeps
 * it single), a finished one is reported, and one past the deadline, or whose agent went silent, is given up.
 */
export async function watchHostSteps(
  ctx: ControlContext,
  rollout: Rollout,
  hosts: ReadonlyArray<{ host: string; since: string | undefined; attempt?: number | undefined }>,
  step: HostStep,
  reason?: string,
): Promise<WatchedHosts> {
  const now = ctx.now().getTime();
  const jobs = hosts.map(({ host, attempt }) => ({
    hostId: host,
    jobId: hostJobId({ rolloutId: rollout.id, hostId: host, attempt: attempt ?? 1 }, step),
  }));
  const statuses = await ctx.hostJobs.statuses({ rolloutId: rollout.id, step }, jobs);
  const missing = hosts.filter((_, i) => statuses[i]!.state === 'missing');
  await enqueueHostJobs(ctx, rollout, missing, step, reason);
  const waited = hosts.map(({ since }) => (since === undefined ? 0 : now - Date.parse(since)));
  // Silence is counted from when this control plane last found Redis at the earliest: while Redis was away no
  // heartbeat could land, and a host is not to blame for that.
  const watched = now - ctx.watchingSince().getTime();
  const silent = hosts
    .filter((_, i) => !isFinished(statuses[i]!) && Math.min(waited[i]!, watched) > ctx.settings.silenceMs)
    .map(({ host }) => host);
  const seen = silent.length > 0 ? await ctx.lastSeen(silent) : new Map<string, Date | undefined>();
  const judged = new Set(silent);
  const ended: HostStepEnd[] = [];
  const pending: string[] = [];
  hosts.forEach(({ host }, i) => {
    const status = statuses[i]!;
    if (status.state === 'completed') return void ended.push({ host, ended: 'completed', result: status.result });
    if (status.state === 'failed') return void ended.push({ host, ended: 'failed', reason: status.reason });
    if (waited[i]! > ctx.settings.hostJobTimeoutMs) {
      const reason = `no ${step} result within ${formatDuration(ctx.settings.hostJobTimeoutMs)}`;
      return void ended.push({ host, ended: 'unreachable', reason });
    }
    const last = seen.get(host);
    if (judged.has(host) && (last === undefined || now - last.getTime() > ctx.settings.silenceMs)) {
      const reason = last
        ? `its agent has been silent since ${last.toISOString()}`
        : 'no agent is reporting for this host';
      return void ended.push({ host, ended: 'unreachable', reason });
    }
    pending.push(host);
  });
  // A silent agent that comes back must not begin an install (or a preflight) the rollout no longer waits for.
  const givenUp = new Set(ended.filter((end) => end.ended === 'unreachable').map((end) => end.host));
  if (givenUp.size > 0 && (step === 'install' || step === 'preflight'))
    await ctx.hostJobs.withdraw(jobs.filter((job) => givenUp.has(job.hostId)));
  return { ended, pending };
}

function isFinished(status: HostJobStatus): boolean {
  return status.state === 'completed' || status.state === 'failed';
}

/** The hosts of `rollout` in `state`, with when they entered it. */
export function hostsIn(
  rollout: Rollout,
  state: HostState,
  among?: readonly string[],
): { host: string; since: string | undefined }[] {
  return (among ?? Object.keys(rollout.hosts))
    .filter((host) => rollout.hosts[host]?.state === state)
    .map((host) => ({ host, since: rollout.hosts[host]?.since }));
}
