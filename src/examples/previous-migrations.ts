/** dten 4.1.0's schema, which production runs today: the starting point of every 4.2.0 migration. */
export const PREVIOUS_MIGRATIONS: Record<string, string> = {
  '0000_base.up.sql': `-- dten 4.1.0 base schema.
CREATE TABLE dten_nodes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  legacy_mode boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dten_sessions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  node_id bigint NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);

CREATE TABLE dten_legacy_routes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  node_id bigint NOT NULL REFERENCES dten_nodes (id),
  route text NOT NULL
);
`,
  '0000_base.down.sql': `DROP TABLE dten_legacy_routes;
DROP TABLE dten_sessions;
DROP TABLE dten_nodes;
`,
};
