import { keepHostsLeftBehind } from '../core/rollout/hosts-to-hold.js';
import type { HostCleanup, Rollout } from '../core/rollout/rollout.js';
import { transition } from '../core/rollout/transition.js';
import { HOST_JOB_RESULTS } from '../jobs/host-job-results.js';
import { SYSTEM, type ControlContext } from './control-context.js';
import { AGAIN, waitFor, type Drive } from './drive.js';
import { askHosts } from './enqueue-host-jobs.js';
import { watchHostSteps, type HostStepEnd } from './watch-host-steps.js';

/** Cleaning: every host on the new version restores its paused schedules and removes the temporary items. */
export async function advanceCleaning(ctx: ControlContext, rollout: Rollout): Promise<Drive> {
  const now = ctx.now();
  if (rollout.cleanup === undefined) {
    const hosts = Object.keys(rollout.hosts).filter((host) => rollout.hosts[host]?.state === 'healthy');
    const started: HostCleanup = { state: 'running', since: now.toISOString() };
    const asked = await ctx.store.update(rollout.id, (r) =>
      r.cleanup ? r : { ...r, cleanup: Object.fromEntries(hosts.map((host) => [host, started])) },
    );
    return askHosts(ctx, asked, hosts, 'cleanup', `${hosts.length} host(s) cleaning up`);
  }
  const running = Object.entries(rollout.cleanup)
    .filter(([, cleanup]) => cleanup.state === 'running')
    .map(([host, cleanup]) => ({ host, since: cleanup.since, attempt: cleanup.attempt }));
  const { ended, pending } = await watchHostSteps(ctx, rollout, running, 'cleanup');
  const settled =
    ended.length === 0 ? rollout : await ctx.store.update(rollout.id, (r) => recordCleanups(r, ended, now));
  if (pending.length > 0) return waitFor(ctx.settings.pollMs, `${pending.length} host(s) cleaning up`);
  const failed = Object.entries(settled.cleanup ?? {}).filter(([, cleanup]) => cleanup.state === 'failed');
  const detail =
    failed.length === 0
      ? `${Object.keys(settled.cleanup ?? {}).length} host(s) cleaned up`
      : `cleanup needs a person on ${failed.length} host(s): ${failed.map(([host, c]) => `${host} (${c.detail ?? 'failed'})`).join('; ')}`;
  await ctx.store.update(rollout.id, (r) =>
    keepHostsLeftBehind(transition(r, 'cleanup-finished', SYSTEM, now, detail.slice(0, 2000))),
  );
  return AGAIN;
}

function recordCleanups(rollout: Rollout, ended: HostStepEnd[], now: Date): Rollout {
  const cleanup = { ...rollout.cleanup };
  for (const end of ended) {
    const asked = cleanup[end.host];
    if (asked?.state !== 'running') continue;
    const since = now.toISOString();
    // The attempt stays with the host, so running it again asks for the next one.
    const attempt = asked.attempt === undefined ? {} : { attempt: asked.attempt };
    if (end.ended !== 'completed') {
      cleanup[end.host] = { state: 'failed', since, detail: end.reason, ...attempt };
      continue;
    }
    const items = HOST_JOB_RESULTS.cleanup.safeParse(end.result).data ?? [];
    const open = items.filter((item) => item.outcome !== 'done');
    cleanup[end.host] =
      open.length === 0
        ? { state: 'done', since, detail: `${items.length} item(s) done`, ...attempt }
        : {
            state: 'failed',
            since,
            detail: open.map((item) => `${item.kind} ${item.name}: ${item.outcome}, ${item.detail}`).join('; '),
            ...attempt,
          };
  }
  return { ...rollout, cleanup };
}
