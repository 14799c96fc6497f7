import { MigrationError } from './migration-error.js';
import { MigrationFailed } from './migration-failed.js';
import { MigrationLockTimeout } from './migration-lock-timeout.js';

export interface FailureContext {
  hide: (text: string) => string;
  id?: string;
  line?: number;
  step?: string;
  inTransaction?: boolean;
}

/** PostgreSQL's lock_not_available: lock_timeout expired (or a NOWAIT lock was refused). */
const LOCK_NOT_AVAILABLE = '55P03';

/** Turns whatever pg threw into a typed error that keeps PostgreSQL's code and words but no connection secret. */
export function toMigrationError(error: unknown, context: FailureContext): MigrationError {
  if (error instanceof MigrationError) return error;
  const code = codeOf(error);
  const inTransaction = context.inTransaction ?? true;
  if (code === LOCK_NOT_AVAILABLE && context.id !== undefined) {
    return new MigrationLockTimeout(context.id, context.line ?? 0, inTransaction);
  }
  return new MigrationFailed({
    code: code ?? 'unknown',
    reason: context.hide(messageOf(error)),
    ...(context.id !== undefined ? { id: context.id, rolledBack: inTransaction } : {}),
    ...(context.line !== undefined ? { line: context.line } : {}),
    ...(context.step !== undefined ? { step: context.step } : {}),
  });
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof AggregateError) return error.errors.map(codeOf).find((inner) => inner !== undefined);
  return undefined;
}

function messageOf(error: unknown): string {
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  if (error instanceof AggregateError && error.message === '') return error.errors.map(messageOf).join('; ');
  if (error instanceof Error) return error.message.replace(/\.$/, '');
  return String(error);
}
