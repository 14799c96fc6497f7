/** Why a package cannot be read safely. The words live in `src/messages/archive-refusal-text.ts`. */
export type ArchiveRefusalCode =
  | 'not-found'
  | 'empty-file'
  | 'not-a-zip'
  | 'truncated'
  | 'corrupt'
  | 'too-many-entries'
  | 'entry-too-large'
  | 'total-too-large'
  | 'compression-ratio'
  | 'overlapping-entries'
  | 'crc-mismatch'
  | 'size-mismatch'
  | 'unsafe-path'
  | 'manifest-too-large'
  | 'unsupported';

export class ArchiveRefusal extends Error {
  constructor(
    readonly code: ArchiveRefusalCode,
    /** Facts for the message: entry name (already escaped), sizes, the underlying parser's words. */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`archive refused: ${code}`);
    this.name = 'ArchiveRefusal';
  }
}
