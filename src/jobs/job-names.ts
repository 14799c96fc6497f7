/** What an agent does on its host; each is one job on that host's queue. */
export const HOST_STEPS = ['preflight', 'install', 'cleanup', 'rollback'] as const;
export type HostStep = (typeof HOST_STEPS)[number];

export const HOST_JOB_NAMES = ['host-preflight', 'host-install', 'host-cleanup', 'host-rollback'] as const;
export type HostJobName = (typeof HOST_JOB_NAMES)[number];

/** The control plane's own job on the control queue, which drives a rollout one step at a time. */
export const ROLLOUT_STEP = 'rollout-step';

/** The parent of a batch of host jobs on the control queue: run when they have all finished, it wakes the step job. */
export const ROLLOUT_WAKE = 'rollout-wake';

export const JOB_NAMES = [...HOST_JOB_NAMES, ROLLOUT_STEP, ROLLOUT_WAKE] as const;
export type JobName = (typeof JOB_NAMES)[number];

export function hostStepOf(name: HostJobName): HostStep {
  return name.slice('host-'.length) as HostStep;
}

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}
