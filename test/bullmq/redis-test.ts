import { randomUUID } from 'node:crypto';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A prefix no other test (or person) uses, so tests can share the machine's Redis. */
export function freshPrefix(): string {
  return `dten-test-${randomUUID().slice(0, 12)}`;
}

export { listKeysUnder as keysUnder } from '../../src/redis/list-keys-under.js';
export { deleteKeysUnder } from '../../src/redis/delete-keys-under.js';
