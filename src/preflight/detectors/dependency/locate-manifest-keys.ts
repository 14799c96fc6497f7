/** 1-based lines of `"key":` in the manifest text, looking for each key after the line of `"within":` when given. */
export function locateManifestKeys(text: string, keys: readonly string[], within?: string): Map<string, number> {
  const lines = text.split('\n');
  const start =
    within === undefined
      ? 0
      : Math.max(
          0,
          lines.findIndex((line) => line.includes(`"${within}"`)),
        );
  const found = new Map<string, number>();
  for (const key of keys) {
    const quoted = JSON.stringify(key);
    const index = lines.findIndex((line, at) => at >= start && new RegExp(`${escapeRegExp(quoted)}\\s*:`).test(line));
    if (index >= 0) found.set(key, index + 1);
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
