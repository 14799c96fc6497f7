import { visibleLength } from './visible-length.js';

const GAP = '   ';

/** Section fields two to a row, as Slack lays them out, the left column padded to line up the right one. */
export function renderFields(cells: readonly string[], width: number): string[] {
  const rows: (readonly [string[], string[]])[] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([(cells[i] ?? '').split('\n'), (cells[i + 1] ?? '').split('\n')]);
  const widest = Math.max(0, ...rows.flatMap(([left]) => left.map(visibleLength)));
  const column = Math.min(widest, Math.floor((width - GAP.length) / 2));
  return rows.flatMap(([left, right]) =>
    Array.from({ length: Math.max(left.length, right.length) }, (_, line) => {
      const l = left[line] ?? '';
      const r = right[line] ?? '';
      return r === '' ? l : `${l}${' '.repeat(Math.max(0, column - visibleLength(l)))}${GAP}${r}`;
    }),
  );
}
