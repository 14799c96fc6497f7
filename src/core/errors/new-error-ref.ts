import { randomBytes } from 'node:crypto';

/**
 * A short random reference for an unexpected error: said to the person ("ref 3f9a1c") and logged beside the error,
 * so support can find the one from the other without the person ever seeing a stack trace.
 */
export function newErrorRef(): string {
  return randomBytes(3).toString('hex');
}
