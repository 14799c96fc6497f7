/** A set of words written as space-separated lines. */
const wordSet = (...lines: string[]): Set<string> => new Set(lines.join(' ').split(' '));

const TEMPLATE_MARKERS = ['${', '$(', '{{', '{%', '#{', '%(', '<%'];
const WHOLE_REFERENCE = /^(?:\$[A-Za-z_][\w]*|%[\w.]+%|<[^<>]*>|\[[^[\]]*\]|@[\w.]+@|__[\w]+__|\*[\w-]+|!\w+.*)$/;
const FORMAT_SPECIFIER = /%(?:-?\d*(?:\.\d+)?[sd]|\d*\.\d+f)/;
const CODE_REFERENCE =
  /(?:process\.env|os\.environ|getenv|System\.getProperty|ENV\[|env\(|secrets\.|vault:|secretRef)/i;
const FILLER_RUNS = /x{3,}|X{3,}|\*{3,}|\.{3,}/;
const FILLER_WORDS =
  /(?:change[_-]?me|example|placeholder|your[_-]?(?:own|api|key|pass|secret|token)|redacted|dummy|sample|replace[_-]?me|insert[_-]?(?:key|here)|not[_-]?a[_-]?real|fixme|todo|012345|123456|abcdef|qwerty)/i;
const COMMON_VALUES = wordSet(
  'password passwd secret token test testing admin root pass none null nil undefined true false default',
  'string value guest user username demo foo bar pw pwd key apikey api_key empty required optional',
  'hidden masked unset',
);

/** True for values that stand in for a secret rather than being one: references, templates, filler. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  if (TEMPLATE_MARKERS.some((marker) => trimmed.includes(marker)) || /[<>]/.test(trimmed)) return true;
  if (WHOLE_REFERENCE.test(trimmed) || CODE_REFERENCE.test(trimmed) || FORMAT_SPECIFIER.test(trimmed)) return true;
  if (FILLER_WORDS.test(trimmed) || FILLER_RUNS.test(trimmed)) return true;
  const lower = trimmed.toLowerCase();
  if (COMMON_VALUES.has(lower) || /^(?:password|secret|test|admin|pass|demo|user)[\d!._-]*$/.test(lower)) return true;
  return new Set(trimmed).size < 4;
}
