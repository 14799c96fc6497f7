import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';
import type { ColumnDef, Constraint } from '../../../libpg-query/parse-sql.js';
import { findVolatileCall } from './find-volatile-call.js';

const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);
const BACKFILL =
  'add the column without a default, set the default for new rows with ALTER COLUMN … SET DEFAULT, then backfill existing rows in batches';

/** Why ADD COLUMN would rewrite every row, and the rewrite-free way; undefined when it would not. */
export function describeColumnRewrite(
  postgresMajor: number,
  column: ColumnDef,
  constraints: Constraint[],
): { reason: string; remedy: string } | undefined {
  const typeName = column.typeName?.names?.at(-1);
  if (typeName && 'String' in typeName && SERIAL_TYPES.has(typeName.String.sval ?? '')) {
    return {
      reason: 'a serial type (its nextval() default is volatile)',
      remedy:
        'Add a plain bigint column without a default, create its sequence, set the default for new rows with ALTER COLUMN … SET DEFAULT nextval(…), then backfill existing rows in batches.',
    };
  }
  for (const constraint of constraints) {
    if (constraint.contype === 'CONSTR_IDENTITY') {
      return {
        reason: 'an identity (every existing row gets a sequence value)',
        remedy:
          'Add a nullable bigint column, backfill it in batches, set it NOT NULL through a validated CHECK, then ALTER COLUMN … ADD GENERATED ALWAYS AS IDENTITY (no rewrite).',
      };
    }
    if (constraint.contype === 'CONSTR_GENERATED' && constraint.generated_kind !== 'v') {
      return {
        reason: 'a STORED generated expression',
        remedy:
          'Use a VIRTUAL generated column (PostgreSQL 18+), or a plain column kept up to date by a trigger and backfilled in batches.',
      };
    }
    if (constraint.contype !== 'CONSTR_DEFAULT') continue;
    if (postgresMajor < 11) {
      return {
        reason: `a DEFAULT on PostgreSQL ${postgresMajor} (before 11 any default rewrites the table)`,
        remedy: `On PostgreSQL before 11, ${BACKFILL}.`,
      };
    }
    const call = findVolatileCall(constraint.raw_expr);
    if (call) {
      const why = call.known ? 'which is volatile' : 'which dten cannot prove stable or immutable';
      return {
        reason: `a DEFAULT that calls ${escapeForDisplay(call.name)}() (${why})`,
        remedy: `Use a constant or stable default (now() is fine), or ${BACKFILL}.`,
      };
    }
  }
  return undefined;
}
