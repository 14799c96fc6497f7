import { countOf } from '../count-of.js';

/** Wave sizes in few words however many there are: `canary of 1, then 499 waves of 2, then 1 wave of 1`. */
export function describeWaves(waves: readonly (readonly string[])[], canary: number): string {
  const sizes = waves.map((wave) => wave.length);
  const first = canary > 0 ? sizes[0] : undefined;
  const runs: [size: number, count: number][] = [];
  for (const size of first === undefined ? sizes : sizes.slice(1)) {
    const last = runs.at(-1);
    if (last && last[0] === size) last[1] += 1;
    else runs.push([size, 1]);
  }
  const parts = runs.map(([size, count]) => `${countOf(count, 'wave')} of ${size.toLocaleString('en-US')}`);
  if (first !== undefined) parts.unshift(`canary of ${first.toLocaleString('en-US')}`);
  return parts.join(', then ');
}
