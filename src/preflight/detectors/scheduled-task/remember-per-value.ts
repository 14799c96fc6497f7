/**
 * `work` done once per object: every registration that names a PowerShell variable shares that variable's value
 * object, so what is worked out for a large value is not worked out again for each registration.
 */
export function rememberPerValue<V extends object, T>(work: (value: V) => T): (value: V) => T {
  const remembered = new WeakMap<V, T>();
  return (value) => {
    if (remembered.has(value)) return remembered.get(value)!;
    const result = work(value);
    remembered.set(value, result);
    return result;
  };
}
