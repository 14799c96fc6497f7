import type { Rollout } from '../core/rollout/rollout.js';
import { windowEnd } from '../core/rollout/window-end.js';
import type { HostJobPayload } from '../jobs/job-payload.js';
import type { HostStep } from '../jobs/job-names.js';

/**
 * The signed-to-be job that asks `hostId` to do `step` for this rollout; the same inputs give the same job.
 * `planDigest` is `digestPlan(rollout.plan)`, computed once by the caller for every host it asks; `attempt` (default
 * 1) counts the times a person had the step run again, and is part of the job id.
 */
export function buildHostJob(
  rollout: Rollout,
  planDigest: string,
  hostId: string,
  step: HostStep,
  options: { reason?: string | undefined; attempt?: number | undefined } = {},
): HostJobPayload {
  const { reason } = options;
  const { plan } = rollout;
  const base = {
    rolloutId: rollout.id,
    hostId,
    attempt: options.attempt ?? 1,
    planDigest,
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
    case 'rollback': {
      const data = { ...base, reason: (reason ?? 'rollback requested').slice(0, 500) };
      // A host going back on its own while the rollout carries on leaves the data to the hosts on the new release.
      const alone = rollout.hosts[hostId]?.dataKept === true;
      return { name: 'host-rollback', data: alone ? { ...data, keepMigrations: true } : data };
    }
  }
}
