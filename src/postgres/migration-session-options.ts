import type { Logger } from 'pino';

/** How the runner reaches PostgreSQL; shared by apply and rollback. */
export interface MigrationSessionOptions {
  connectionString: string;
  /** Where the migrations and the record table live (the session's whole `search_path`); default: the server's. */
  schema?: string;
  /** PostgreSQL interval text; a migration may still `SET` its own for the rest of its run. */
  lockTimeout?: string;
  statementTimeout?: string;
  log: Logger;
}

export const DEFAULT_LOCK_TIMEOUT = '5s';
export const DEFAULT_STATEMENT_TIMEOUT = '15min';
