import { createHmac } from 'node:crypto';
import { canonicalJson } from '../core/rollout/canonical-json.js';

/** `v1=` names the scheme, so a later one can live beside it during a key or algorithm change. */
export const SIGNATURE_PREFIX = 'v1=';
const CONTEXT = 'dten-job/v1\n';

/** HMAC-SHA256 over the canonical JSON of `{ name, data }` (data without its signature), keyed by DTEN_JOB_KEY. */
export function computeJobSignature(name: string, data: unknown, key: string): Buffer {
  if (key.length === 0) throw new TypeError('the job key (DTEN_JOB_KEY) is empty');
  return createHmac('sha256', key)
    .update(CONTEXT + canonicalJson({ name, data }), 'utf8')
    .digest();
}
