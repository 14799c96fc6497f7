import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import type { ArchiveEntry, OpenedArchive } from './archive.js';
import { classifyContent, type ContentKind, SNIFF_BYTES } from './classify-content.js';
import type { FileMeta } from './detector.js';
import { runDetector, type ScanSession } from './scan-session.js';
import { TextSegmenter, type TextSegment } from './split-text-segments.js';

const BINARY_HEAD_BYTES = 64 * 1024;

export type EntryOutcome = { nested: 'none' } | { nested: 'archive'; bytes: Buffer } | { nested: 'too-large' };

/**
 * Inflates one entry completely (so sizes are counted and CRC-32 checked) and hands it to the detectors:
 * text (UTF-8 or UTF-16) in line-aligned segments, binaries by their head. A nested archive comes back as bytes to open.
 */
export async function scanEntry(
  session: ScanSession,
  archive: OpenedArchive,
  entry: ArchiveEntry,
  meta: FileMeta,
): Promise<EntryOutcome> {
  const { limits } = session;
  let chunks: Buffer[] = [];
  let kept = 0;
  let content: ContentKind | undefined;
  let segmenter: TextSegmenter | undefined;
  let tooLarge = false;
  let firstSegment = true;

  const emitText = (segments: TextSegment[]): void => {
    for (const segment of segments) {
      const file = { meta, text: segment.text, firstLine: segment.firstLine, isFirstSegment: firstSegment };
      firstSegment = false;
      for (const detector of session.detectors) {
        if (detector.scanText) runDetector(session, detector, meta.path, () => detector.scanText!(file));
      }
    }
  };
  // An entry inflated in one piece arrives as one chunk: it is used as it is, not copied.
  const joined = (): Buffer => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, kept));
  const decide = (): void => {
    const head = joined();
    content = classifyContent(head);
    if (content.kind === 'text') {
      segmenter = new TextSegmenter(limits.maxTextBytes, content.encoding);
      emitText(segmenter.push(head));
      chunks = [];
    } else if (content.kind === 'binary') {
      // A copy of the head alone: a detector may keep it, and it must not keep the whole entry alive.
      chunks = [Buffer.from(head.subarray(0, BINARY_HEAD_BYTES))];
      kept = chunks[0]!.length;
    }
  };

  for await (const chunk of archive.read(entry)) {
    session.inflatedBytes += chunk.length;
    if (session.inflatedBytes > limits.maxTotalBytes) {
      throw new ArchiveRefusal('total-too-large', { limit: limits.maxTotalBytes, name: meta.path });
    }
    if (segmenter) {
      emitText(segmenter.push(chunk));
    } else if (
      content === undefined ||
      (content.kind === 'binary' && kept < BINARY_HEAD_BYTES) ||
      (content.kind === 'archive' && !tooLarge)
    ) {
      const wanted = content?.kind === 'binary' ? chunk.subarray(0, BINARY_HEAD_BYTES - kept) : chunk;
      chunks.push(wanted);
      kept += wanted.length;
      if (content === undefined && kept >= SNIFF_BYTES) decide();
    }
    if (content?.kind === 'archive' && kept > limits.maxNestedBytes) {
      tooLarge = true;
      chunks = [];
    }
  }
  if (content === undefined) decide();
  if (segmenter) {
    emitText(segmenter.end());
    return { nested: 'none' };
  }
  if (content?.kind === 'archive') return tooLarge ? { nested: 'too-large' } : { nested: 'archive', bytes: joined() };
  const head = joined();
  for (const detector of session.detectors) {
    if (detector.scanBinary) runDetector(session, detector, meta.path, () => detector.scanBinary!({ meta, head }));
  }
  return { nested: 'none' };
}
