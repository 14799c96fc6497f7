import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { compareFindings, type Finding } from '../core/findings/finding.js';
import type { Logger } from '../logger.js';
import type { ArchiveLimits, OpenArchive } from './archive.js';
import type { DetectorFactory, PreflightOptions, ScanContext } from './detector.js';
import { hashFile } from './hash-file.js';
import type { Policy } from './policy.js';
import { countBySeverity, decideVerdict, type PreflightReport } from './preflight-report.js';
import { readManifest } from './read-manifest.js';
import { scanArchive } from './scan-archive.js';
import { runDetector, type ScanSession } from './scan-session.js';

export interface PreflightDeps {
  openArchive: OpenArchive;
  detectors: readonly DetectorFactory[];
  limits: ArchiveLimits;
  policy: Policy;
  options: PreflightOptions;
  log: Logger;
  toolVersion: string;
}

/**
 * The static preflight: streams the package once, never to disk, and reports every finding.
 * Throws ArchiveRefusal when the package cannot be read safely (the caller reports it as `unreadable`).
 */
export async function runPreflight(zipPath: string, deps: PreflightDeps): Promise<PreflightReport> {
  const [sha256, info] = await Promise.all([hashFile(zipPath), stat(zipPath)]);
  const archive = await deps.openArchive({ kind: 'file', path: zipPath }, deps.limits);
  try {
    const { manifest, findings: manifestFindings, root } = await readManifest(archive, deps.limits);
    const ctx: ScanContext = { manifest, policy: deps.policy, options: deps.options };
    const detectors = await Promise.all(deps.detectors.map(async (create) => create(ctx)));
    const session: ScanSession = {
      detectors,
      limits: deps.limits,
      openArchive: deps.openArchive,
      log: deps.log,
      files: [],
      findings: [...manifestFindings],
      inflatedBytes: 0,
    };
    await scanArchive(session, archive, { prefix: '', depth: 0, root });
    for (const detector of detectors) {
      if (detector.finish) runDetector(session, detector, '', () => detector.finish!(session.files));
    }
    const findings = acceptRisks(session.findings, deps.policy).sort(compareFindings);
    const counts = countBySeverity(findings);
    return {
      schemaVersion: 1,
      tool: { name: 'dten', version: deps.toolVersion },
      package: {
        file: basename(zipPath),
        sha256,
        bytes: info.size,
        name: manifest?.name,
        version: manifest?.version,
        entries: session.files.length,
        uncompressedBytes: session.inflatedBytes,
      },
      verdict: decideVerdict(counts),
      counts,
      findings,
      scannedAt: deps.options.now.toISOString(),
    };
  } finally {
    archive.close();
  }
}

function acceptRisks(findings: Finding[], policy: Policy): Finding[] {
  if (policy.accept.length === 0) return findings;
  const accepted = new Set(policy.accept);
  return findings.map((finding) =>
    accepted.has(finding.rule) && finding.severity !== 'info'
      ? { ...finding, severity: 'info', message: `${finding.message} (accepted by policy)` }
      : finding,
  );
}
