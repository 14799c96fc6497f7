/**
 * A flat copy of a string. V8 keeps a substring's whole parent alive; a finding cut from an 8 MiB segment would
 * otherwise hold that segment for the rest of the run, and memory would grow with the package.
 */
export function detachString(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
