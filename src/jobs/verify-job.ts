import { timingSafeEqual } from 'node:crypto';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';
import { JOB_SCHEMAS, type JobPayload } from './job-payload.js';
import { isJobName } from './job-names.js';
import type { JobRefusal, JobRefusalReason } from './job-refusal.js';
import { computeJobSignature, SIGNATURE_PREFIX } from './job-signature.js';

export type VerifyJobResult = { ok: true; job: JobPayload } | { ok: false; refusal: JobRefusal };

export interface VerifyJobOptions {
  key: string;
  /** The host this agent serves: a job for any other host, or a control job, is refused. Omit on the control plane. */
  hostId?: string;
}

const SIGNATURE = new RegExp(`^${SIGNATURE_PREFIX}([0-9a-f]{64})$`);

/** Checks the signature first (constant time), then the payload's shape, then that it is meant for this host. */
export function verifyJob(job: { name: string; data: unknown }, options: VerifyJobOptions): VerifyJobResult {
  const jobName = escapeForDisplay(String(job.name).slice(0, 100));
  const refuse = (reason: JobRefusalReason, facts: Partial<JobRefusal> = {}): VerifyJobResult => ({
    ok: false,
    refusal: { ...facts, reason, jobName },
  });
  if (!isRecord(job.data) || typeof job.data.signature !== 'string') return refuse('unsigned');
  const { signature, ...data } = job.data;
  const given = SIGNATURE.exec(signature)?.[1];
  if (given === undefined || !matches(Buffer.from(given, 'hex'), job.name, data, options.key))
    return refuse('bad-signature');
  if (!isJobName(job.name)) return refuse('schema', { problems: ['(name): not a job dten knows'] });
  const parsed = JOB_SCHEMAS[job.name].safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => escapeForDisplay(`${issue.path.join('.') || '(data)'}: ${issue.message}`));
    return refuse('schema', { problems });
  }
  if (options.hostId !== undefined) {
    const foundHost = 'hostId' in parsed.data ? parsed.data.hostId : undefined;
    if (foundHost !== options.hostId) return refuse('wrong-host', { expectedHost: options.hostId, foundHost });
  }
  return { ok: true, job: { name: job.name, data: parsed.data } as JobPayload };
}

function matches(given: Buffer, name: string, data: unknown, key: string): boolean {
  let expected: Buffer;
  try {
    expected = computeJobSignature(name, data, key);
  } catch (error) {
    if (key.length === 0) throw error;
    return false; // data that JSON cannot hold was never signed by us
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
