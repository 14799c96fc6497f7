/** A JSON argument: the form encoding carries it as a JSON string, a JSON body as itself. `undefined` when absent. */
export function jsonArg(value: unknown): { value: unknown } | 'malformed' | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return { value };
  try {
    return { value: JSON.parse(value) as unknown };
  } catch {
    return 'malformed';
  }
}
