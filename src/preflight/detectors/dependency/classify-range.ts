import semver from 'semver';

export type RangeClass =
  | { kind: 'bounded'; range: string }
  /** `meaning` completes "the manifest lets <component> be …". */
  | { kind: 'loose'; range: string | undefined; meaning: string }
  | { kind: 'invalid' };

/** Bounded ranges pin a version line; `*`, tags such as `latest` and ranges without an upper bound are loose. */
export function classifyRange(text: string): RangeClass {
  const trimmed = text.trim();
  if (trimmed === '' || /^[*xX]$/.test(trimmed)) return { kind: 'loose', range: '*', meaning: 'any version at all' };
  if (/^[a-z][\w-]*$/i.test(trimmed)) {
    return {
      kind: 'loose',
      range: undefined,
      meaning: `whatever version the tag "${trimmed}" points to when it is installed`,
    };
  }
  let range: semver.Range;
  try {
    range = new semver.Range(trimmed);
  } catch {
    return { kind: 'invalid' };
  }
  const open = range.set.find((comparators) => !comparators.some(isUpperBound));
  if (open === undefined) return { kind: 'bounded', range: range.range };
  const floor = open.find((comparator) => comparator.operator.startsWith('>'))?.semver.version;
  const meaning = floor
    ? `any version from ${floor} up, including future major versions that may break compatibility`
    : 'any version at all';
  return { kind: 'loose', range: range.range, meaning };
}

function isUpperBound(comparator: semver.Comparator): boolean {
  return comparator.operator.startsWith('<') || (comparator.operator === '' && comparator.value !== '');
}
