/** Base of every failure or refusal of the migration runner; no message ever carries the connection string. */
export abstract class MigrationError extends Error {
  /** Whether the same step may succeed when run again: a lock wait may, a changed checksum never will. */
  abstract readonly retryable: boolean;
}
