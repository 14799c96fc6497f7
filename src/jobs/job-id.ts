import type { HostStep } from './job-names.js';

/**
 * `<rolloutId>-<hostId>-<step>-<attempt>`: the same job always gets the same id, so enqueueing it twice adds it once.
 * Ids are unique within a host's queue (its host id is fixed there); BullMQ ids may not contain `:`.
 */
export function hostJobId(job: { rolloutId: string; hostId: string; attempt: number }, step: HostStep): string {
  return checkJobId(`${job.rolloutId}-${job.hostId}-${step}-${job.attempt}`);
}

/** `<rolloutId>-step-<sequence>` on the control queue. */
export function rolloutStepJobId(job: { rolloutId: string; sequence: number }): string {
  return checkJobId(`${job.rolloutId}-step-${job.sequence}`);
}

/** `<rolloutId>-wake-<batch>` on the control queue. */
export function rolloutWakeJobId(job: { rolloutId: string; batch: string }): string {
  return checkJobId(`${job.rolloutId}-wake-${job.batch}`);
}

function checkJobId(id: string): string {
  // Ids from schema-checked data cannot hold `:`; this guards callers that build ids from unchecked values.
  if (id.includes(':')) throw new TypeError(`a job id may not contain ":": ${id}`);
  return id;
}
