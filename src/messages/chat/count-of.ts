/** `1 host`, `1,000 hosts`: a count with its noun, plural by adding `s` unless told otherwise. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : plural}`;
}
