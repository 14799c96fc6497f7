import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import type { Finding } from '../core/findings/finding.js';
import { describeArchiveRefusal } from '../messages/archive-refusal-text.js';
import type { ArchiveHazard, OpenedArchive } from './archive.js';
import type { FileMeta } from './detector.js';
import { scanEntry } from './scan-entry.js';
import type { ScanSession } from './scan-session.js';

/** Scans every file of an opened archive, then opens nested archives (`outer.zip!inner/path`) up to the depth limit. */
export async function scanArchive(
  session: ScanSession,
  archive: OpenedArchive,
  at: { prefix: string; depth: number; root: string },
): Promise<void> {
  session.findings.push(...archive.hazards.map((hazard) => hazardFinding(hazard, at.prefix)));
  for (const entry of archive.entries) {
    if (entry.isDirectory) continue;
    const meta: FileMeta = {
      path: at.prefix + entry.displayName,
      name: entry.name.startsWith(at.root) ? entry.name.slice(at.root.length) : entry.name,
      size: entry.uncompressedSize,
      mtime: entry.mtime,
      mode: entry.mode,
      depth: at.depth,
    };
    session.files.push(meta);
    const outcome = await scanEntry(session, archive, entry, meta);
    if (outcome.nested === 'too-large') {
      session.findings.push(
        archiveFinding(
          meta.path,
          'archive/nested-too-large',
          'warning',
          `This nested archive is larger than ${session.limits.maxNestedBytes} bytes and was not opened, so its contents were not checked.`,
          'Unpack it and run dten preflight on it separately, or raise DTEN_MAX_NESTED_BYTES.',
        ),
      );
    } else if (outcome.nested === 'archive') {
      await scanNested(session, meta, outcome.bytes, at.depth + 1);
    }
  }
}

async function scanNested(session: ScanSession, meta: FileMeta, bytes: Buffer, depth: number): Promise<void> {
  if (depth > session.limits.maxNestedDepth) {
    session.findings.push(
      archiveFinding(
        meta.path,
        'archive/nested-too-deep',
        'warning',
        `This archive is nested ${depth} levels deep, beyond the limit of ${session.limits.maxNestedDepth}; its contents were not checked.`,
        'Ask the vendor for a flatter package, or raise DTEN_MAX_NESTED_DEPTH.',
      ),
    );
    return;
  }
  let nested: OpenedArchive | undefined;
  try {
    nested = await session.openArchive({ kind: 'buffer', buffer: bytes, name: meta.path }, session.limits);
    await scanArchive(session, nested, { prefix: `${meta.path}!`, depth, root: '' });
  } catch (error) {
    // Running out of the whole package's budget stops everything; any other refusal costs this archive only.
    if (!(error instanceof ArchiveRefusal) || error.code === 'total-too-large') throw error;
    session.findings.push(
      archiveFinding(
        meta.path,
        `archive/nested-${error.code}`,
        'blocker',
        `This nested archive cannot be read safely: ${describeArchiveRefusal(error)}`,
        'Do not install a package that carries it; ask the vendor for a clean package.',
      ),
    );
  } finally {
    nested?.close();
  }
}

function hazardFinding(hazard: ArchiveHazard, prefix: string): Finding {
  return archiveFinding(prefix + hazard.entryName, hazard.rule, hazard.severity, hazard.message, hazard.remediation);
}

function archiveFinding(
  path: string,
  rule: string,
  severity: Finding['severity'],
  message: string,
  remediation: string,
): Finding {
  return { category: 'archive', severity, rule, path, message, remediation };
}
