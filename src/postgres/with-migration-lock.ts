import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from 'pino';
import { hideConnectionSecrets } from './hide-connection-secrets.js';
import { MigrationFailed } from './migration-failed.js';
import { deriveMigrationLockKey } from './migration-lock-key.js';
import type { MigrationSessionOptions } from './migration-session-options.js';
import { openMigrationClient } from './open-migration-client.js';
import { toMigrationError } from './to-migration-error.js';

const POLL_MS = 200;

export interface HeldMigrationLock {
  /** Throws when the connection holding the lock died: another runner may already be migrating. */
  assertHeld(): void;
}

/**
 * Runs `work` while this process holds dten's advisory lock, on a client of its own. A runner that finds the lock
 * taken polls `pg_try_advisory_lock` instead of blocking in `pg_advisory_lock`: a session blocked there holds a
 * snapshot, and the holder's CREATE INDEX CONCURRENTLY would wait for it forever (an undetected deadlock).
 */
export async function withMigrationLock<T>(
  options: MigrationSessionOptions,
  work: (lock: HeldMigrationLock) => Promise<T>,
): Promise<T> {
  let lost: string | undefined;
  const client = await openMigrationClient(options, 'lock', (reason) => (lost = reason));
  const key = deriveMigrationLockKey(options.schema);
  const hide = (text: string): string => hideConnectionSecrets(text, options.connectionString);
  try {
    await waitForLock(client, key, options.log).catch((error: unknown) => {
      throw toMigrationError(error, { hide, step: 'take the migration lock' });
    });
    try {
      return await work({
        assertHeld() {
          if (lost === undefined) return;
          throw new MigrationFailed({ code: 'lock-lost', step: 'keep the migration lock', reason: lost });
        },
      });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForLock(client: pg.Client, key: string, log: Logger): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
      key,
    ]);
    if (rows[0]?.locked === true) return;
    if (attempt === 0) log.info('another runner holds the migration lock; waiting for it to finish');
    await sleep(POLL_MS);
  }
}
