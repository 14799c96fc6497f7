import { recordHostStates, type HostStateChange } from '../core/rollout/record-host-states.js';
import type { HostPreflight, Rollout } from '../core/rollout/rollout.js';
import { transition } from '../core/rollout/transition.js';
import { HOST_JOB_RESULTS } from '../jobs/host-job-results.js';
import { SYSTEM, type ControlContext } from './control-context.js';
import { AGAIN, stop, waitFor, type Drive } from './drive.js';
import { askHosts } from './enqueue-host-jobs.js';
import { hostsIn, watchHostSteps, type HostStepEnd } from './watch-host-steps.js';

/** A draft runs the per-host preflight on every target; when all pass, the plan goes to the approvers. */
export async function advanceDraft(ctx: ControlContext, rollout: Rollout): Promise<Drive> {
  const now = ctx.now();
  const unchecked = hostsIn(rollout, 'pending').filter(({ host }) => rollout.preflight?.[host] === undefined);
  if (unchecked.length > 0) {
    const asked = await ctx.store.update(rollout.id, (r) =>
      recordHostStates(
        r,
        unchecked.map(({ host }) => ({ host, state: 'preflighting' })),
        now,
      ),
    );
    return askHosts(
      ctx,
      asked,
      unchecked.map(({ host }) => host),
      'preflight',
      'per-host preflight running',
    );
  }
  const checking = hostsIn(rollout, 'preflighting');
  if (checking.length > 0) {
    const { ended, pending } = await watchHostSteps(ctx, rollout, checking, 'preflight');
    if (ended.length > 0) await ctx.store.update(rollout.id, (r) => recordPreflights(r, ended, now));
    return pending.length > 0 ? waitFor(ctx.settings.pollMs, 'per-host preflight running') : AGAIN;
  }
  // A rejected plan must change before anyone can approve it, and a changed plan is a new rollout: this one ends here
  // rather than wait in draft for ever among the active ones.
  const rejected = rollout.audit.findLast((entry) => entry.event === 'reject' && entry.from !== entry.to);
  if (rejected) {
    const detail = `rejected by ${rejected.actor.id}; plan again with what should change`;
    await ctx.store.update(rollout.id, (r) => transition(r, 'abort', SYSTEM, now, detail));
    return stop('the plan was rejected');
  }
  const refused = Object.entries(rollout.preflight ?? {}).filter(([, result]) => !result.ok);
  if (refused.length > 0) {
    const detail = refused.map(([host, result]) => `${host}: ${result.problems.join('; ')}`).join(' | ');
    await ctx.store.update(rollout.id, (r) =>
      transition(r, 'abort', SYSTEM, now, `per-host preflight found problems — ${detail}`.slice(0, 2000)),
    );
    return stop(`per-host preflight found problems on ${refused.length} host(s)`);
  }
  await ctx.store.update(rollout.id, (r) => {
    const passed = transition(r, 'preflight-passed', SYSTEM, now, `${Object.keys(r.hosts).length} hosts checked`);
    return transition(passed, 'request-approval', SYSTEM, now);
  });
  return AGAIN;
}

function recordPreflights(rollout: Rollout, ended: HostStepEnd[], now: Date): Rollout {
  const preflight = { ...rollout.preflight };
  const changes: HostStateChange[] = [];
  for (const end of ended) {
    if (rollout.hosts[end.host]?.state !== 'preflighting') continue;
    const result = readPreflight(end, now);
    preflight[end.host] = result;
    changes.push(
      result.ok
        ? { host: end.host, state: 'pending' }
        : { host: end.host, state: 'failed', reason: `preflight: ${result.problems.join('; ')}` },
    );
  }
  return recordHostStates({ ...rollout, preflight }, changes, now);
}

function readPreflight(end: HostStepEnd, now: Date): HostPreflight {
  const checkedAt = now.toISOString();
  if (end.ended !== 'completed') return { ok: false, problems: [end.reason], checkedAt };
  const checks = HOST_JOB_RESULTS.preflight.safeParse(end.result);
  if (!checks.success)
    return { ok: false, problems: ['the agent answered in a form this dten does not read'], checkedAt };
  const problems = checks.data.filter((check) => check.blocking && !check.ok).map((check) => check.detail);
  const notes = checks.data.filter((check) => !check.blocking && !check.ok).map((check) => check.detail);
  return { ok: problems.length === 0, problems, ...(notes.length > 0 && { notes }), checkedAt };
}
