/** A string argument, whether it came as a form field or a JSON member (numbers are sent as numbers in JSON). */
export function stringArg(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}
