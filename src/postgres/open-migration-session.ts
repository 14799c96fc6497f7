import pg from 'pg';
import type { Logger } from 'pino';
import { hideConnectionSecrets } from './hide-connection-secrets.js';
import {
  DEFAULT_LOCK_TIMEOUT,
  DEFAULT_STATEMENT_TIMEOUT,
  type MigrationSessionOptions,
} from './migration-session-options.js';
import { openMigrationClient } from './open-migration-client.js';
import { toMigrationError } from './to-migration-error.js';

/** The connection migrations run on (not the one holding the lock). */
export interface MigrationSession {
  client: pg.Client;
  log: Logger;
  hide: (text: string) => string;
  /** Restores search_path and the timeouts: a migration's own `SET` lasts for the rest of the session. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function openMigrationSession(options: MigrationSessionOptions): Promise<MigrationSession> {
  const client = await openMigrationClient(options, 'migrate');
  const hide = (text: string): string => hideConnectionSecrets(text, options.connectionString);
  const settings: [string, string][] = [
    ['lock_timeout', options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT],
    ['statement_timeout', options.statementTimeout ?? DEFAULT_STATEMENT_TIMEOUT],
    ...(options.schema !== undefined ? [['search_path', pg.escapeIdentifier(options.schema)] as [string, string]] : []),
  ];
  const select = settings.map((_, index) => `set_config($${2 * index + 1}, $${2 * index + 2}, false)`).join(', ');
  const session: MigrationSession = {
    client,
    log: options.log,
    hide,
    async reset() {
      await client.query(`SELECT ${select}`, settings.flat()).catch((error: unknown) => {
        throw toMigrationError(error, { hide, step: `set ${settings.map(([name]) => name).join(', ')}` });
      });
    },
    close: () => client.end().catch(() => undefined),
  };
  try {
    await session.reset();
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}
