import { digestPlan } from '../core/rollout/digest-plan.js';
import type { Plan } from '../core/rollout/plan.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { windowEnd } from '../core/rollout/window-end.js';
import type { HostJobPayload } from '../jobs/job-payload.js';
import type { HostStep } from '../jobs/job-names.js';

// A wave or a poll builds a job per host from one rollout read: digest its plan once, not once per host.
const digests = new WeakMap<Plan, string>();

function digestOf(plan: Plan): string {
  let digest = digests.get(plan);
  if (digest === undefined) {
    digest = digestPlan(plan);
    digests.set(plan, digest);
  }
  return digest;
}

/** The signed-to-be job that asks `hostId` to do `step` for this rollout; the same inputs give the same job. */
export function buildHostJob(rollout: Rollout, hostId: string, step: HostStep, reason?: string): HostJobPayload {
  const { plan } = rollout;
  const base = {
    rolloutId: rollout.id,
    hostId,
    attempt: 1,
    planDigest: digestOf(plan),
    package: { ...plan.packageSource, version: plan.packageVersion, sha256: plan.packageDigest },
  };
  const window = { start: rollout.window.start, end: windowEnd(rollout.window).toISOString() };
  switch (step) {
    case 'preflight':
      return { name: 'host-preflight', data: { ...base, window } };
    case 'install':
      return {
        name: 'host-install',
        data: {
          ...base,
          window,
          units: (rollout.release?.services ?? []).map(({ unit, renamedFrom }) =>
            renamedFrom === undefined ? { unit } : { unit, renamedFrom },
          ),
          configChanges: (rollout.release?.config ?? []).map(({ file, required, removed }) => ({
            file,
            required,
            removed,
          })),
          runMigrations: true,
        },
      };
    case 'cleanup':
      return { name: 'host-cleanup', data: base };
    case 'rollback':
      return { name: 'host-rollback', data: { ...base, reason: (reason ?? 'rollback requested').slice(0, 500) } };
  }
}
