import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import type { Finding } from '../core/findings/finding.js';
import { MANIFEST_PATH } from '../core/manifest/manifest-schema.js';
import { parseManifest, type ParsedManifest } from '../core/manifest/parse-manifest.js';
import type { ArchiveLimits, OpenedArchive } from './archive.js';
import { decodeTextBytes } from './decode-text-bytes.js';
import { describeScriptsNotRun } from './describe-scripts-not-run.js';
import { findManifestEntry } from './find-manifest-entry.js';

const MISSING: Finding = {
  category: 'manifest',
  severity: 'blocker',
  rule: 'manifest/missing',
  path: MANIFEST_PATH,
  message: 'The package has no manifest.json, so its version, dependencies, services and migrations are unknown.',
  remediation: 'Ask the vendor for the complete package; dten will not plan an upgrade without a manifest.',
};

/** Reads the manifest before anything else: every detector needs it. */
export async function readManifest(
  archive: OpenedArchive,
  limits: ArchiveLimits,
): Promise<ParsedManifest & { root: string }> {
  const found = findManifestEntry(archive.entries);
  if (!found) return { manifest: undefined, findings: [MISSING], root: '' };
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of archive.read(found.entry)) {
    bytes += chunk.length;
    if (bytes > limits.maxManifestBytes) {
      throw new ArchiveRefusal('manifest-too-large', { limit: limits.maxManifestBytes, name: found.entry.displayName });
    }
    chunks.push(chunk);
  }
  const parsed = parseManifest(decodeTextBytes(Buffer.concat(chunks)), found.entry.displayName);
  const notRun = parsed.manifest ? describeScriptsNotRun(parsed.manifest, found.entry.displayName) : [];
  return { ...parsed, findings: [...parsed.findings, ...notRun], root: found.root };
}
