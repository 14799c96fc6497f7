import type { FuncCall, Node } from '../../../libpg-query/parse-sql.js';

/** Functions known to be STABLE or IMMUTABLE: PostgreSQL 11+ stores their value once instead of rewriting. */
const NON_VOLATILE = new Set([
  'now',
  'statement_timestamp',
  'transaction_timestamp',
  'date_trunc',
  'lower',
  'upper',
  'make_interval',
  'jsonb_build_object',
  'json_build_object',
  'jsonb_build_array',
  'json_build_array',
  'to_jsonb',
]);
/** The timestamp functions are non-volatile only in their no-argument form (`now(123)` is some other function). */
const NO_ARGUMENTS = new Set(['now', 'statement_timestamp', 'transaction_timestamp']);

/**
 * The first function call in a DEFAULT expression that is volatile or that dten cannot prove non-volatile
 * (a user function may be either), as `{ name, known }`; undefined when the default is safe.
 */
export function findVolatileCall(expression: Node | undefined): { name: string; known: boolean } | undefined {
  for (const call of findCalls(expression)) {
    const last = call.funcname?.at(-1);
    const name = last && 'String' in last ? (last.String.sval ?? '') : '';
    const nonVolatile = NON_VOLATILE.has(name) && (!NO_ARGUMENTS.has(name) || (call.args ?? []).length === 0);
    if (!nonVolatile) return { name, known: KNOWN_VOLATILE.test(name) };
  }
  return undefined;
}

const KNOWN_VOLATILE =
  /^(random|gen_random_uuid|uuid_generate_v[1-7]|uuidv[47]|clock_timestamp|timeofday|nextval|txid_current)$/;

function findCalls(value: unknown): FuncCall[] {
  if (Array.isArray(value)) return value.flatMap(findCalls);
  if (typeof value !== 'object' || value === null) return [];
  const calls = Object.values(value).flatMap(findCalls);
  return 'FuncCall' in value ? [value.FuncCall as FuncCall, ...calls] : calls;
}
