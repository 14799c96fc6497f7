/** One migration as the runner applies it: its SQL and whether it must run outside a transaction. */
export interface MigrationScript {
  id: string;
  sql: string;
  /** The file's first line is `-- no-transaction` (or goose's `NO TRANSACTION`): e.g. `CREATE INDEX CONCURRENTLY`. */
  noTransaction: boolean;
}

/** A migration of a release with its way back, when the package ships one. */
export interface PackageMigration extends MigrationScript {
  down?: { sql: string; noTransaction: boolean };
}
