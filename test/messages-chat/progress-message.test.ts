import { describe, expect, it } from 'vitest';
import { buildProgressSnapshot } from '../../src/core/rollout/build-progress-snapshot.js';
import { createRollout } from '../../src/core/rollout/create-rollout.js';
import { planWaves } from '../../src/core/rollout/plan-waves.js';
import { recordHostState } from '../../src/core/rollout/record-host-state.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { transition } from '../../src/core/rollout/transition.js';
import { bucketErrorRates } from '../../src/messages/chat/progress/bucket-error-rates.js';
import { progressBar } from '../../src/messages/chat/progress/progress-bar.js';
import { progressMessage } from '../../src/messages/chat/progress/progress-message.js';
import { sparkline } from '../../src/messages/chat/progress/sparkline.js';
import { at, bob, buildChatPlan, controlPlane } from './chat-fixtures.js';
import { blockText, expectWithinLimits } from './expect-within-limits.js';

/** Approved, scheduled and inside its window, as the control plane moves it. */
function running(rollout: Rollout): Rollout {
  const steps = ['preflight-passed', 'request-approval', 'approve', 'schedule'] as const;
  const ready = steps.reduce((r, event) => transition(r, event, bob, at(-60)), rollout);
  return transition(ready, 'window-opened', controlPlane, at(0));
}

/** 1,000 hosts: the canary and wave 1 done in 8 minutes each, wave 2 running, 23 hosts failed, a blip in monitoring. */
function bigRollout(): Rollout {
  const plan = buildChatPlan({ canary: 10, batch: { kind: 'percent', p: 10 }, maxErrors: 30 }, 1000);
  const waves = planWaves(plan);
  let rollout = running(createRollout('rollout-1k', plan));
  for (const [index, minute] of [
    [0, 0],
    [1, 10],
  ] as const) {
    rollout = transition(rollout, { name: 'wave-started', wave: index }, controlPlane, at(minute));
    for (const host of waves[index] ?? []) rollout = recordHostState(rollout, host, 'healthy');
    rollout = transition(rollout, 'wave-succeeded', controlPlane, at(minute + 8));
  }
  rollout = transition(rollout, { name: 'wave-started', wave: 2 }, controlPlane, at(20));
  (waves[2] ?? []).forEach((host, i) => {
    rollout =
      i < 23
        ? recordHostState(rollout, host, 'failed', `health check on ${host}:8443 answered 503 for 60s`)
        : recordHostState(rollout, host, i < 60 ? 'healthy' : 'installing');
  });
  const samples = plan.targets.slice(0, 200).flatMap((host, i) =>
    [2, 6, 12, 21, 24].map((minute, j) => ({
      host,
      at: at(minute).toISOString(),
      errorRate: j === 3 && i % 10 === 0 ? 0.09 : 0.01,
    })),
  );
  return { ...rollout, health: { baselineErrorRate: 0.02, samples } };
}

/**
 * 1,000 hosts: waves 1 and 2 installed, then 23 hosts of wave 3 fail their install, long-windedly: the rollout rolls
 * back the 210 hosts it changed, and 3 of those that failed fail their rollback too.
 */
function bigRollbackFailed(): Rollout {
  const plan = buildChatPlan({ canary: 10, batch: { kind: 'percent', p: 10 }, maxErrors: 20 }, 1000);
  const waves = planWaves(plan);
  let rollout = running(createRollout('rollout-1k', plan));
  for (const index of [0, 1, 2]) {
    rollout = transition(rollout, { name: 'wave-started', wave: index }, controlPlane, at(index * 10));
    for (const host of waves[index] ?? []) rollout = recordHostState(rollout, host, 'installing');
    if (index < 2) rollout = transition(rollout, 'wave-succeeded', controlPlane, at(index * 10 + 8));
  }
  const failed = (waves[2] ?? []).slice(0, 23);
  const long = ` ${'x'.repeat(400)}`;
  for (const host of failed) rollout = recordHostState(rollout, host, 'failed', `postinstall script failed:${long}`);
  rollout = transition(rollout, 'threshold-exceeded', controlPlane, at(25), '23 host(s) failed');
  const changed = Object.keys(rollout.hosts).filter((host) => rollout.hosts[host]?.changed);
  for (const host of changed) rollout = recordHostState(rollout, host, 'rolling-back');
  for (const host of changed)
    rollout = failed.slice(0, 3).includes(host)
      ? recordHostState(rollout, host, 'failed', `rollback: Release 4.1.0 is not unpacked on this host${long}`)
      : recordHostState(rollout, host, 'rolled-back');
  return transition(rollout, 'rollback-failed', controlPlane, at(30), 'not rolled back: 3 hosts');
}

/** Five hosts, the canary wave started a minute into the window. */
function firstWave(): Rollout {
  return transition(
    running(createRollout('rollout-7', buildChatPlan())),
    { name: 'wave-started', wave: 0 },
    controlPlane,
    at(1),
  );
}

function shownAt(rollout: Rollout, minute: number): string {
  return blockText(progressMessage(buildProgressSnapshot(rollout, at(minute)), { now: at(minute) }).blocks);
}

describe('the progress message', () => {
  it('for 1,000 hosts it shows the bar, hosts per state, wave 3 of 11, ten failing hosts and how many more, within limits', () => {
    const rollout = bigRollout();
    const message = progressMessage(buildProgressSnapshot(rollout, at(25)), {
      now: at(25),
      samples: rollout.health.samples,
    });
    expectWithinLimits(message);
    const text = blockText(message.blocks);
    expect(text).toContain('*Rollout `rollout-1k`* — running · wave 3 of 11');
    // 110 hosts of waves 1 and 2, 37 healthy and 23 failed in wave 3: 170 of 1,000 done.
    expect(text).toContain('`███░░░░░░░░░░░░░░░░░ 17%` · 170 of 1,000 hosts done');
    expect(text).toContain('pending 790 · installing 40 · healthy 147 · failed 23');
    expect(text).toContain('*Failing hosts (23)*');
    expect(text.match(/^• `app-ams-\d{4}\.corp\.internal` health check on /gm)).toHaveLength(10);
    expect(text).toContain('and 13 more');
    expect(message.text).toBe('Rollout rollout-1k: running, wave 3 of 11, 170 of 1000 hosts done, 23 failing');
  });

  it('for 1,000 hosts whose install and then rollback failed, it lists both reasons, ten of each and how many more, within limits', () => {
    const message = progressMessage(buildProgressSnapshot(bigRollbackFailed(), at(31)), { now: at(31) });
    expectWithinLimits(message);
    const text = blockText(message.blocks);
    expect(text).toContain('*Failing hosts (3)*');
    expect(text.match(/^• `app-ams-\d{4}\.corp\.internal` rollback: Release 4\.1\.0 is not unpacked/gm)).toHaveLength(
      3,
    );
    expect(text).toContain('*Install failures (23)*');
    expect(text.match(/^• `app-ams-\d{4}\.corp\.internal` postinstall script failed: x+…$/gm)).toHaveLength(10);
    expect(text).toContain('…and 13 more');
    expect(message.text).toBe('Rollout rollout-1k: failed, wave 3 of 11, 210 of 1000 hosts done, 3 failing');
  });

  it('draws the monitoring blip as a sparkline with the worst rate and how long it stayed above the baseline', () => {
    const rollout = bigRollout();
    const message = progressMessage(buildProgressSnapshot(rollout, at(25)), {
      now: at(25),
      samples: rollout.health.samples,
    });
    // Samples at minutes 2, 6, 12, 21 (the spike) and 24; above the 2% baseline from 21 to 24.
    expect(blockText(message.blocks)).toContain(
      '*Monitoring* `▁▁▁█▁` worst error rate 9.0% (baseline 2.0%), above baseline for 3m',
    );
  });

  it('with an error budget in the plan, says how much of it the blip spent, and marks it once it spent too much', () => {
    const base = bigRollout();
    const budgeted = (sharePercent: number): Rollout => ({
      ...base,
      plan: { ...base.plan, errorBudget: { sloPercent: 99.9, periodDays: 30, sharePercent } },
    });
    // 20 hosts of 1,000 at 7% above the baseline from minute 21 to 24: 0.0042 minutes of the whole fleet failing.
    expect(shownAt(budgeted(25), 25)).toContain('above baseline for 3m · error budget 252ms of 10m 48s spent');
    expect(shownAt(budgeted(0.01), 25)).toContain('· error budget 252ms of 259ms spent');
    expect(shownAt(budgeted(0.001), 25)).toContain('· error budget 252ms of 26ms spent ⚠️');
  });

  it('gives the time left in the window and the ETA in UTC at the pace of the finished waves', () => {
    const rollout = bigRollout();
    const message = progressMessage(buildProgressSnapshot(rollout, at(25)), { now: at(25) });
    const text = blockText(message.blocks);
    expect(text).toContain('window ends 2026-03-14 23:00 UTC (35m left)');
    // Waves take 8 minutes: 3 left of wave 3, then 8 waves of bake (2m) and install (8m).
    expect(text).toContain('ETA 2026-03-14 23:48 UTC (in 1h 23m)');
    expect(text).toContain('updated 2026-03-14 22:25 UTC');
  });

  it('before the first wave finished there is no ETA yet, and without a baseline no blip', () => {
    const text = shownAt(firstWave(), 2);
    expect(text).toContain('running · wave 1 of 3');
    expect(text).toContain('`░░░░░░░░░░░░░░░░░░░░ 0%` · 0 of 5 hosts done');
    expect(text).toContain('ETA once the first wave has finished');
    expect(text).toContain('*Monitoring* no baseline measured yet');
    expect(text).not.toContain('Failing hosts');
  });

  it('when the window ran out and the rollout paused, it says the window has ended, what to do, and gives no ETA', () => {
    const detail = 'the window ended before wave 2 of 3: extend the window or roll back';
    const text = shownAt(transition(firstWave(), 'window-ended', controlPlane, at(60), detail), 61);
    expect(text).toContain('— paused · wave 1 of 3');
    expect(text).toContain(`⏸️ ${detail}`);
    expect(text).toContain('the window has ended');
    expect(text).not.toContain('ETA');
  });

  it('once a rollout is over it says when it ended and how long it ran, not a window countdown that no longer matters', () => {
    const waves = planWaves(buildChatPlan()).length;
    let rollout = firstWave();
    for (let wave = 0; wave < waves; wave += 1) {
      if (wave > 0) rollout = transition(rollout, { name: 'wave-started', wave }, controlPlane, at(wave * 5));
      rollout = transition(rollout, 'wave-succeeded', controlPlane, at(wave * 5 + 4));
    }
    rollout = transition(rollout, 'verify-ok', controlPlane, at(15));
    const cleaning = shownAt(rollout, 16);
    expect(cleaning).toContain('window ends 2026-03-14 23:00 UTC (44m left)');
    const done = shownAt(transition(rollout, 'cleanup-finished', controlPlane, at(17)), 30);
    expect(done).toContain('— done ·');
    expect(done).toContain('ended 2026-03-14 22:17 UTC, 17m after it started\nupdated 2026-03-14 22:30 UTC');
    expect(done).not.toMatch(/left\)|window ends|ETA/);
    // A rollout stopped before its window opened never started: only when it ended.
    const stopped = shownAt(transition(createRollout('rollout-9', buildChatPlan()), 'abort', bob, at(-30)), 5);
    expect(stopped).toContain('ended 2026-03-14 21:30 UTC\nupdated');
    expect(stopped).not.toContain('after it started');
  });

  it('says why a rollout stopped short of done, escaped, and says nothing of the kind while it runs', () => {
    expect(shownAt(firstWave(), 2)).not.toMatch(/⏸️|🛑|↩️|⌛/);
    const detail = 'per-host preflight found problems — web-2: config says <!here> *no*';
    const failed = shownAt(
      transition(createRollout('rollout-8', buildChatPlan()), 'abort', controlPlane, at(3), detail),
      4,
    );
    expect(failed).toContain('— failed · no wave started yet');
    expect(failed).toContain('🛑 per-host preflight found problems — web-2: config says &lt;!here&gt; ∗no∗');
    const turned = shownAt(transition(firstWave(), 'abort', bob, at(3), 'aborted by U-BOB'), 4);
    expect(turned).toContain('↩️ aborted by U-BOB');
  });

  it('a failed rollout says which hosts it keeps out of other plans, and how to let them go, until it is let go', () => {
    let rollout = transition(firstWave(), 'threshold-exceeded', controlPlane, at(3), 'web-1 failed');
    const [first, second] = rollout.plan.targets;
    for (const host of [first!, second!]) rollout = recordHostState(rollout, host, 'installing');
    rollout = recordHostState(rollout, first!, 'failed', 'rollback: config backup missing');
    rollout = recordHostState(rollout, second!, 'unreachable');
    const failed = {
      ...transition(rollout, 'rollback-failed', controlPlane, at(6), `not rolled back: ${first}, ${second}`),
      changedHosts: 'kept' as const,
    };
    expect(shownAt(failed, 7)).toContain(
      '🔒 The 2 hosts it left changed stay out of other plans until their rollback runs again, or `/dten abort rollout-7` lets them go as they are.',
    );
    const one = recordHostState(failed, second!, 'rolled-back');
    expect(shownAt(one, 7)).toContain(
      '🔒 The host it left changed stays out of other plans until its rollback runs again there, or `/dten abort rollout-7` lets it go as it is.',
    );
    expect(shownAt({ ...transition(one, 'let-hosts-go', bob, at(8)), changedHosts: 'let-go' }, 9)).not.toContain('🔒');
    // Failed under a dten that kept nothing: its hosts were let go as it failed.
    expect(shownAt({ ...one, changedHosts: undefined }, 9)).not.toContain('🔒');
    expect(shownAt(firstWave(), 2)).not.toContain('🔒');
  });

  it('a done rollout says which hosts that failed within max errors it could not put back and keeps', () => {
    let rollout = firstWave();
    const [first] = rollout.plan.targets;
    rollout = recordHostState(rollout, first!, 'installing');
    rollout = recordHostState(rollout, first!, 'failed', 'rollback: its agent has been silent since 22:01');
    const done = { ...rollout, state: 'done' as const, changedHosts: 'kept' as const };
    expect(shownAt(done, 9)).toContain(
      '🔒 The host that failed and could not be put back (see its reason) stays out of other plans. dten does not run its rollback again once the rollout is done: put it back (or finish it) by hand, then `/dten abort rollout-7` lets it go as it is.',
    );
  });

  it('once its rollback took over, a host whose install failed still says why, under its rollback’s reason, escaped', () => {
    const host = 'app-ams-0001.corp.internal';
    const install = 'postinstall script failed: mkdir etc/dten/flags: File exists <!here> *x*';
    const rollback = 'rollback: Release 4.1.0 is not unpacked on this host';
    let rollout = recordHostState(firstWave(), host, 'installing');
    rollout = recordHostState(rollout, host, 'failed', install);
    const installFailed =
      '• `app-ams-0001.corp.internal` postinstall script failed: mkdir etc/dten/flags: File exists &lt;!here&gt; ∗x∗';
    // While it fails with its install's reason, it is said once, among the failing hosts.
    const running = shownAt(rollout, 2);
    expect(running).toContain(`*Failing hosts (1)*\n${installFailed}`);
    expect(running).not.toContain('Install failures');
    rollout = transition(rollout, 'threshold-exceeded', controlPlane, at(3), `1 host(s) failed (${host})`);
    rollout = recordHostState(rollout, host, 'rolling-back');
    const rollingBack = shownAt(rollout, 4);
    expect(rollingBack).toContain(`↩️ 1 host(s) failed (${host})`);
    expect(rollingBack).toContain(`*Install failures (1)*\n${installFailed}`);
    expect(rollingBack).not.toContain('Failing hosts');
    rollout = recordHostState(rollout, host, 'failed', rollback);
    const failed = shownAt(transition(rollout, 'rollback-failed', controlPlane, at(5), `not rolled back: ${host}`), 6);
    expect(failed).toContain(
      `*Failing hosts (1)*\n• \`${host}\` ${rollback}\n*Install failures (1)*\n${installFailed}`,
    );
    rollout = transition(rollout, 'rollback-failed', controlPlane, at(5), `not rolled back: ${host}`);
    rollout = recordHostState(transition(rollout, 'rollback', bob, at(7)), host, 'rolling-back');
    rollout = transition(recordHostState(rollout, host, 'rolled-back'), 'rollback-finished', controlPlane, at(8));
    const rolledBack = shownAt(rollout, 9);
    expect(rolledBack).toContain('— rolled back ·');
    expect(rolledBack).toContain(`*Install failures (1)*\n${installFailed}`);
    expect(rolledBack).not.toContain('Failing hosts');
  });

  it('a failing host’s reason cannot ping or format: it arrives escaped', () => {
    const rollout = recordHostState(
      firstWave(),
      'app-ams-0001.corp.internal',
      'failed',
      'script said <!channel> *panic*',
    );
    const text = shownAt(rollout, 2);
    expect(text).toContain('• `app-ams-0001.corp.internal` script said &lt;!channel&gt; ∗panic∗');
  });
});

describe('the pieces of the progress message', () => {
  it('a progress bar is full only when everything is done', () => {
    expect(progressBar(0, 10, 10)).toBe('░░░░░░░░░░ 0%');
    expect(progressBar(999, 1000, 10)).toBe('█████████░ 99%');
    expect(progressBar(1000, 1000, 10)).toBe('██████████ 100%');
    expect(progressBar(0, 0, 4)).toBe('░░░░ 0%');
  });

  it('a sparkline scales to the highest value, and all zeros stay at the bottom', () => {
    expect(sparkline([0, 0.5, 1])).toBe('▁▅█');
    expect(sparkline([0.005, 0.01, 0.02], 0.08)).toBe('▁▂▃');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
  });

  it('error rates are bucketed by time, keeping the worst of each slice', () => {
    const sample = (minute: number, errorRate: number) => ({ host: 'h', at: at(minute).toISOString(), errorRate });
    expect(bucketErrorRates([sample(0, 0.1), sample(1, 0.3), sample(9, 0.2), sample(10, 0.05)], 2)).toEqual([0.3, 0.2]);
    expect(bucketErrorRates([])).toEqual([]);
    expect(bucketErrorRates([sample(3, 0.4), sample(3, 0.2)])).toEqual([0.4]);
  });
});
