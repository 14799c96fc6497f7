/** Keeps the last `maxBytes` of a stream's output (where a failing script says why), noting what was dropped. */
export function keepOutputTail(maxBytes: number): { add(chunk: Buffer): void; text(): string; truncated(): boolean } {
  let kept = Buffer.alloc(0);
  let dropped = false;
  return {
    add(chunk) {
      kept = Buffer.concat([kept, chunk]);
      if (kept.length > maxBytes) {
        kept = kept.subarray(kept.length - maxBytes);
        dropped = true;
      }
    },
    text: () => kept.toString('utf8'),
    truncated: () => dropped,
  };
}
