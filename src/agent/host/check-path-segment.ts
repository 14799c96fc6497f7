import { HostStepError } from './host-step-error.js';

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/;

/** A version, rollout id or unit name becomes one path segment: no separators, no `..`, no leading dot or dash. */
export function checkPathSegment(what: string, value: string): string {
  if (!SAFE_SEGMENT.test(value) || value.includes('..') || value.length > 200) {
    throw new HostStepError('unsafe-name', { what, value: JSON.stringify(value).slice(0, 80) });
  }
  return value;
}
