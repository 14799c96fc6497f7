/** 4.2.0's migrations as the vendor shipped them: each statement here takes a lock preflight should flag. */
export const ARRIVED_MIGRATIONS: Record<string, string> = {
  '0001_hybrid_mode.up.sql': `-- dten 4.2.0: hybrid mode bookkeeping.
CREATE INDEX dten_sessions_node_id_idx ON dten_sessions (node_id);
ALTER TABLE dten_sessions ADD COLUMN hybrid_since timestamptz DEFAULT now();
ALTER TABLE dten_sessions ADD CONSTRAINT dten_sessions_node_id_fkey FOREIGN KEY (node_id) REFERENCES dten_nodes (id);
ALTER TABLE dten_nodes ADD COLUMN hybrid_enabled boolean NOT NULL DEFAULT false;
`,
  '0001_hybrid_mode.down.sql': `ALTER TABLE dten_nodes DROP COLUMN hybrid_enabled;
ALTER TABLE dten_sessions DROP CONSTRAINT dten_sessions_node_id_fkey;
ALTER TABLE dten_sessions DROP COLUMN hybrid_since;
DROP INDEX dten_sessions_node_id_idx;
`,
  '0002_drop_legacy.up.sql': `-- Legacy routing is gone in 4.2.0.
DROP TABLE dten_legacy_routes;
ALTER TABLE dten_nodes DROP COLUMN legacy_mode;
`,
};
