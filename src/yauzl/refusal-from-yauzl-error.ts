import { ArchiveRefusal, type ArchiveRefusalCode } from '../core/errors/archive-refusal.js';
import { escapeForDisplay } from '../core/findings/escape-for-display.js';

/** yauzl and zlib report problems as message text; these are the messages of yauzl 3.4 and Node's zlib. */
const BY_MESSAGE: readonly [RegExp, ArchiveRefusalCode][] = [
  [/^unexpected EOF/, 'truncated'],
  [
    /^(compressed\/uncompressed size mismatch|too many bytes in the stream|not enough bytes in the stream)/,
    'size-mismatch',
  ],
  [
    /^(multi-disk zip files are not supported|strong encryption is not supported|unsupported compression method)/,
    'unsupported',
  ],
  [/^End of central directory record signature not found/, 'not-a-zip'],
];

const UNSAFE_PATH: readonly [RegExp, string][] = [
  [/^absolute path: /, 'absolute'],
  [/^invalid relative path: /, 'parent'],
  [/^invalid characters in fileName: /, 'backslash'],
];

// Nothing there, or nothing dten may read as a file: a symlink loop, a socket (ENXIO), a device without a driver.
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ELOOP', 'ENXIO', 'ENODEV']);

/** Maps anything yauzl, zlib or the file system threw onto a refusal; a refusal passes through unchanged. */
export function refusalFromYauzlError(error: unknown, entryName?: string): ArchiveRefusal {
  if (error instanceof ArchiveRefusal) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = escapeForDisplay(message);
  const fsCode = (error as { code?: unknown } | null)?.code;
  if (typeof fsCode === 'string' && NOT_FOUND_CODES.has(fsCode)) return new ArchiveRefusal('not-found', { detail });
  for (const [pattern, reason] of UNSAFE_PATH) {
    if (pattern.test(message)) {
      return new ArchiveRefusal('unsafe-path', {
        entry: escapeForDisplay(message.replace(pattern, '')),
        reason,
        detail,
      });
    }
  }
  const code = BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] ?? 'corrupt';
  return new ArchiveRefusal(
    code,
    entryName === undefined ? { detail } : { entry: escapeForDisplay(entryName), detail },
  );
}
