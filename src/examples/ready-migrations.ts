/**
 * 4.2.0's migrations as the team rewrote them: short lock waits, the index built concurrently outside a
 * transaction (first line `-- no-transaction`), the foreign key added NOT VALID then validated, a down for every up.
 */
export const READY_MIGRATIONS: Record<string, string> = {
  '0001_hybrid_mode.up.sql': `-- Give up after 5 s instead of queueing behind a long transaction (and blocking everyone behind us).
SET lock_timeout = '5s';
SET statement_timeout = '30s';
ALTER TABLE dten_sessions ADD COLUMN hybrid_since timestamptz;
ALTER TABLE dten_sessions ALTER COLUMN hybrid_since SET DEFAULT now();
ALTER TABLE dten_sessions
  ADD CONSTRAINT dten_sessions_node_id_fkey FOREIGN KEY (node_id) REFERENCES dten_nodes (id) NOT VALID;
ALTER TABLE dten_nodes ADD COLUMN hybrid_enabled boolean NOT NULL DEFAULT false;
`,
  '0001_hybrid_mode.down.sql': `SET lock_timeout = '5s';
SET statement_timeout = '30s';
ALTER TABLE dten_nodes DROP COLUMN IF EXISTS hybrid_enabled;
ALTER TABLE dten_sessions DROP CONSTRAINT IF EXISTS dten_sessions_node_id_fkey;
ALTER TABLE dten_sessions DROP COLUMN IF EXISTS hybrid_since;
`,
  '0002_sessions_node_index.up.sql': `-- no-transaction
-- CREATE INDEX CONCURRENTLY cannot run inside a transaction; a failed build leaves an invalid index, dropped first.
SET lock_timeout = '5s';
SET statement_timeout = '30min';
DROP INDEX CONCURRENTLY IF EXISTS dten_sessions_node_id_idx;
CREATE INDEX CONCURRENTLY dten_sessions_node_id_idx ON dten_sessions (node_id);
`,
  '0002_sessions_node_index.down.sql': `-- no-transaction
SET lock_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS dten_sessions_node_id_idx;
`,
  '0003_validate_sessions_node.up.sql': `-- VALIDATE takes only a SHARE UPDATE EXCLUSIVE lock: reads and writes go on while it scans.
SET lock_timeout = '5s';
SET statement_timeout = '30min';
ALTER TABLE dten_sessions VALIDATE CONSTRAINT dten_sessions_node_id_fkey;
`,
  '0003_validate_sessions_node.down.sql': `-- Validating changed no data, so there is nothing to undo; 0001's down drops the constraint itself.
SELECT 1;
`,
  '0004_retire_legacy_routes.up.sql': `-- Keep the legacy rows until cleanup: a rename is instant and the down restores them.
SET lock_timeout = '5s';
SET statement_timeout = '30s';
ALTER TABLE dten_legacy_routes RENAME TO dten_legacy_routes_retired;
`,
  '0004_retire_legacy_routes.down.sql': `SET lock_timeout = '5s';
SET statement_timeout = '30s';
ALTER TABLE dten_legacy_routes_retired RENAME TO dten_legacy_routes;
`,
};
