import type { JobRefusal } from './job-refusal.js';

/** One or two plain sentences for the on-call engineer: what was refused, and what to do about it. */
export function describeJobRefusal(refusal: JobRefusal, jobId?: string): string {
  const job = `Job ${refusal.jobName}${jobId === undefined ? '' : ` (${jobId})`}`;
  switch (refusal.reason) {
    case 'unsigned':
      return `${job} carries no signature, so it was not run. Only the dten control plane may queue jobs; check who else writes to this Redis.`;
    case 'bad-signature':
      return `${job} has a signature that does not match its contents, so it was not run. Either the job was changed after it was signed or it was signed with another DTEN_JOB_KEY (the control plane and every agent must share one); compare the keys before retrying.`;
    case 'schema':
      return `${job} is signed but its payload is not one dten accepts (${(refusal.problems ?? []).join('; ')}), so it was not run. Make sure the agent and the control plane run the same dten version.`;
    case 'wrong-host':
      return `${job} is meant for ${refusal.foundHost === undefined ? 'the control plane' : `host ${refusal.foundHost}`}, not for host ${refusal.expectedHost ?? 'unknown'}, so it was not run. Check that each agent runs with its own --host and listens on its own queue.`;
  }
}
