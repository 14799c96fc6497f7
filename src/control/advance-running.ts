import { canStartWave } from '../core/rollout/can-start-wave.js';
import { checkErrorBudget } from '../core/rollout/check-error-budget.js';
import { checkFailureThreshold, hasFailed } from '../core/rollout/check-failure-threshold.js';
import { FAILED_STATES } from '../core/rollout/host-state.js';
import { finishedWaves } from '../core/rollout/finished-waves.js';
import { planWaves } from '../core/rollout/plan-waves.js';
import { recordHostStates } from '../core/rollout/record-host-states.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { transition } from '../core/rollout/transition.js';
import { formatDuration } from '../core/time/format-duration.js';
import { HOST_JOB_RESULTS } from '../jobs/host-job-results.js';
import { SYSTEM, type ControlContext } from './control-context.js';
import { AGAIN, waitFor, type Drive } from './drive.js';
import { askHosts } from './enqueue-host-jobs.js';
import { readRollback } from './advance-rolling-back.js';
import { enterRollback, rollBackOverBudget } from './enter-rollback.js';
import { recordStepOutcomes, type StepOutcome } from './record-step-outcomes.js';
import { hostsIn, watchHostSteps, type HostStepEnd } from './watch-host-steps.js';

/** Running: watch the wave in flight against the threshold, or start the next one when bake and window allow. */
export async function advanceRunning(ctx: ControlContext, rollout: Rollout): Promise<Drive> {
  const waves = planWaves(rollout.plan);
  const wave = rollout.wave;
  if (wave && !wave.finished) return watchWave(ctx, rollout, waves[wave.index] ?? []);
  const now = ctx.now();
  const next = wave ? wave.index + 1 : 0;
  const finished = finishedWaves(rollout);
  const lastEnd = finished.at(-1)?.endedAt;
  if (lastEnd !== undefined && now.getTime() < lastEnd + rollout.plan.bakeSeconds * 1000)
    return waitFor(lastEnd + rollout.plan.bakeSeconds * 1000 - now.getTime(), `baking after wave ${next}`);
  const estimate =
    finished.length > 0 ? Math.max(...finished.map((done) => done.seconds)) : ctx.settings.waveEstimateSeconds;
  const timing = canStartWave({
    now,
    window: rollout.window,
    estimatedWaveSeconds: estimate,
    estimatedRollbackSeconds: estimate,
    bakeSeconds: next < waves.length - 1 ? rollout.plan.bakeSeconds : 0,
  });
  const label = `wave ${next + 1} of ${waves.length}`;
  if (!timing.ok && timing.reason === 'before-window')
    return waitFor(timing.secondsUntilStart * 1000, 'window not open');
  if (!timing.ok) {
    const detail =
      timing.reason === 'window-ended'
        ? `the window ended before ${label}: extend the window or roll back`
        : `${formatDuration(timing.secondsLeft * 1000)} left in the window, ${label} needs ${formatDuration(timing.secondsNeeded * 1000)} with its bake and a rollback: extend the window or roll back`;
    await ctx.store.update(rollout.id, (r) =>
      transition(r, timing.reason === 'window-ended' ? 'window-ended' : 'pause', SYSTEM, now, detail),
    );
    return AGAIN;
  }
  const hosts = waves[next] ?? [];
  const started = await ctx.store.update(rollout.id, (r) =>
    recordHostStates(
      transition(r, { name: 'wave-started', wave: next }, SYSTEM, now, `${label}: ${hosts.length} host(s)`),
      hosts.map((host) => ({ host, state: 'installing' })),
      now,
    ),
  );
  return askHosts(ctx, started, hosts, 'install', `${hosts.length} host(s) installing`);
}

async function watchWave(ctx: ControlContext, rollout: Rollout, waveHosts: readonly string[]): Promise<Drive> {
  const now = ctx.now();
  const rollingBack = hostsIn(rollout, 'rolling-back', waveHosts).map((entry) => ({
    ...entry,
    attempt: rollout.hosts[entry.host]?.rollbackAttempt,
  }));
  const [installs, rollbacks] = await Promise.all([
    watchHostSteps(ctx, rollout, hostsIn(rollout, 'installing', waveHosts), 'install'),
    rollingBack.length === 0 ? NOTHING_WATCHED : watchHostSteps(ctx, rollout, rollingBack, 'rollback', GOING_BACK),
  ]);
  // One write: the hosts that ended, those that go back on their own and, when the last one did and the threshold
  // holds, the end of the wave.
  let turnedBack: string[] = [];
  const settled = await ctx.store.update(rollout.id, (r) => {
    turnedBack = [];
    // A host that went back on its own and a person's rollback since asked again (dataKept cleared, a new attempt):
    // the answer to its first rollback is not the answer to that one.
    const ownRollbacks = rollbacks.ended.filter(({ host }) => r.hosts[host]?.dataKept === true);
    const recorded = recordStepOutcomes(
      recordStepOutcomes(r, installs.ended, 'installing', now, readInstall),
      ownRollbacks,
      'rolling-back',
      now,
      readRollback,
    );
    if (checkFailureThreshold(recorded.hosts, recorded.plan.maxErrors).stop) return recorded;
    // Within max errors, a host whose install failed, or that went silent, goes back to the old release on its own,
    // so that no host is left half-installed, or on a release that failed its health check, when the rollout is done.
    // The database stays as it is for the hosts on the new release (`dataKept`).
    turnedBack = installs.ended
      .filter(({ host }) => r.hosts[host]?.state === 'installing' && FAILED_STATES.has(recorded.hosts[host]!.state))
      .map(({ host }) => host);
    const turned = recordHostStates(
      recorded,
      turnedBack.map((host) => ({ host, state: 'rolling-back', dataKept: true })),
      now,
    );
    const busy = waveHosts.some((host) => {
      const state = turned.hosts[host]?.state;
      return state === 'installing' || state === 'rolling-back';
    });
    if (busy) return turned;
    const failed = waveHosts.filter((host) => {
      const progress = turned.hosts[host];
      return progress !== undefined && hasFailed(progress);
    });
    return failed.length === 0
      ? transition(turned, 'wave-succeeded', SYSTEM, now)
      : transition(turned, 'wave-failed', SYSTEM, now, `failed: ${failed.join(', ')}`);
  });
  const threshold = checkFailureThreshold(settled.hosts, settled.plan.maxErrors);
  if (threshold.stop) {
    const detail = `${threshold.failed.length} host(s) failed (${threshold.failed.slice(0, 10).join(', ')}), more than max errors ${settled.plan.maxErrors}: rolling back ${threshold.rollBack.length} host(s)`;
    await ctx.store.update(rollout.id, (r) => enterRollback(r, 'threshold-exceeded', SYSTEM, now, detail));
    return AGAIN;
  }
  const overBudget = checkErrorBudget(settled, now);
  if (overBudget !== undefined) {
    await ctx.store.update(rollout.id, (r) => rollBackOverBudget(r, overBudget, now));
    return AGAIN;
  }
  // The hosts that just turned back are asked at once; the wake job of their batch ends the wait.
  if (turnedBack.length > 0)
    return askHosts(ctx, settled, turnedBack, 'rollback', `${turnedBack.length} host(s) going back`, GOING_BACK);
  const waiting = installs.pending.length + rollbacks.pending.length;
  if (waiting > 0) return waitFor(ctx.settings.pollMs, `${waiting} host(s) installing or going back`);
  return AGAIN;
}

/** Why a host's rollback runs while its rollout carries on, as its job says. */
const GOING_BACK = 'its install failed, or its agent went silent, within max errors: it goes back to the old release';

const NOTHING_WATCHED = { ended: [], pending: [] };

function readInstall(end: HostStepEnd): StepOutcome {
  if (end.ended !== 'completed') return { change: { host: end.host, state: end.ended, reason: end.reason } };
  const outcome = HOST_JOB_RESULTS.install.safeParse(end.result);
  if (!outcome.success)
    return {
      change: { host: end.host, state: 'failed', reason: 'the agent answered in a form this dten does not read' },
    };
  const { health } = outcome.data;
  return {
    change: health.healthy
      ? { host: end.host, state: 'healthy' }
      : { host: end.host, state: 'failed', reason: `health check: ${health.detail}` },
    health,
  };
}
