import type { MigrationSession } from './open-migration-session.js';
import { toMigrationError } from './to-migration-error.js';

export interface MigrationRecord {
  id: string;
  rolloutId: string;
  checksum: string;
  appliedAt: Date;
}

/** Which migrations ran, by whom: created on first use, in the session's schema. */
export const RECORD_TABLE = 'dten_schema_migrations';

const CREATE = `CREATE TABLE IF NOT EXISTS ${RECORD_TABLE} (
  id text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  rollout_id text NOT NULL,
  checksum text NOT NULL
)`;

/** Reads the record table, creating it first; call it under the migration lock so two runners never race here. */
export async function readMigrationRecords(session: MigrationSession): Promise<Map<string, MigrationRecord>> {
  try {
    await session.client.query(CREATE);
    const { rows } = await session.client.query<{ id: string; rollout_id: string; checksum: string; applied_at: Date }>(
      `SELECT id, rollout_id, checksum, applied_at FROM ${RECORD_TABLE} ORDER BY applied_at, id`,
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, rolloutId: row.rollout_id, checksum: row.checksum, appliedAt: row.applied_at },
      ]),
    );
  } catch (error) {
    throw toMigrationError(error, { hide: session.hide, step: `read the record table ${RECORD_TABLE}` });
  }
}
