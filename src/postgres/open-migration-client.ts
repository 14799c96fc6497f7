import pg from 'pg';
import { hideConnectionSecrets } from './hide-connection-secrets.js';
import type { MigrationSessionOptions } from './migration-session-options.js';
import { toMigrationError } from './to-migration-error.js';

/** Connects one client, named in pg_stat_activity; `onLost` hears a connection that dies while idle. */
export async function openMigrationClient(
  options: MigrationSessionOptions,
  purpose: 'lock' | 'migrate',
  onLost: (reason: string) => void = () => undefined,
): Promise<pg.Client> {
  const hide = (text: string): string => hideConnectionSecrets(text, options.connectionString);
  let client: pg.Client | undefined;
  try {
    client = new pg.Client({
      connectionString: options.connectionString,
      application_name: `dten migrations (${purpose})`,
      connectionTimeoutMillis: 15_000,
    });
    // Without a listener, a connection dropped by the server would crash the process.
    client.on('error', (error) => {
      const reason = hide(error.message);
      options.log.warn({ purpose, reason }, 'a migration connection to PostgreSQL failed');
      onLost(reason);
    });
    await client.connect();
    return client;
  } catch (error) {
    await client?.end().catch(() => undefined);
    throw toMigrationError(error, { hide, step: 'connect to PostgreSQL' });
  }
}
