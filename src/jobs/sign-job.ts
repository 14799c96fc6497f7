import type { JobPayload, SignedJob } from './job-payload.js';
import { computeJobSignature, SIGNATURE_PREFIX } from './job-signature.js';

/** Adds `signature` to the job's data. Signing an already signed job replaces its signature. */
export function signJob<P extends JobPayload>(job: P, key: string): SignedJob<P> {
  const { signature: _previous, ...data } = job.data as P['data'] & { signature?: string };
  const mac = computeJobSignature(job.name, data, key);
  return { name: job.name, data: { ...(data as P['data']), signature: SIGNATURE_PREFIX + mac.toString('hex') } };
}
