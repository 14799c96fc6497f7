/** Why an agent (or the control plane) will not run a job. Words: `describe-job-refusal.ts`. */
export type JobRefusalReason = 'unsigned' | 'bad-signature' | 'schema' | 'wrong-host';

export interface JobRefusal {
  reason: JobRefusalReason;
  /** The job's name as it arrived, made safe to show. */
  jobName: string;
  /** `schema`: the first problems zod found, as `path: message`. */
  problems?: string[];
  /** `wrong-host`: the host this agent serves and the host the job names (absent for a control job). */
  expectedHost?: string;
  foundHost?: string;
}
