export type SectionStyle = 'goose' | 'sql-migrate';

export interface MigrationSection {
  text: string;
  /** 1-based line of the section's first line in the whole file. */
  firstLine: number;
  /** The tool runs this section inside a transaction unless the file opts out. */
  inTransaction: boolean;
}

export interface MigrationSections {
  style: SectionStyle;
  up: MigrationSection;
  down?: MigrationSection;
}

const MARKER = /^\s*--\s*\+(goose|migrate)\s+(up|down)\b(.*)$/i;
const GOOSE_NO_TRANSACTION = /^\s*--\s*\+goose\s+no\s+transaction\b/im;

/** Splits a goose (`-- +goose Up`) or sql-migrate (`-- +migrate Up`) file; undefined when it has no Up marker. */
export function splitMigrationSections(text: string): MigrationSections | undefined {
  const lines = text.split('\n');
  const found: { direction: 'up' | 'down'; style: SectionStyle; line: number; options: string }[] = [];
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const style = match[1]?.toLowerCase() === 'goose' ? 'goose' : 'sql-migrate';
    found.push({
      direction: match[2]?.toLowerCase() === 'up' ? 'up' : 'down',
      style,
      line: index,
      options: match[3] ?? '',
    });
  });
  const up = found.find((marker) => marker.direction === 'up');
  if (!up) return undefined;
  const down = found.find((marker) => marker.direction === 'down');
  const noGooseTransaction = GOOSE_NO_TRANSACTION.test(text);
  const section = (marker: (typeof found)[number]): MigrationSection => {
    const end = found.find((other) => other.line > marker.line)?.line ?? lines.length;
    const inTransaction = marker.style === 'goose' ? !noGooseTransaction : !/notransaction/i.test(marker.options);
    return { text: lines.slice(marker.line + 1, end).join('\n'), firstLine: marker.line + 2, inTransaction };
  };
  return { style: up.style, up: section(up), ...(down ? { down: section(down) } : {}) };
}
