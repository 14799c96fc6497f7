import { basename } from 'node:path';
import { compareFindings, type Finding } from '../core/findings/finding.js';
import type { Manifest } from '../core/manifest/manifest-schema.js';
import type { Logger } from '../logger.js';
import type { ArchiveLimits, OpenArchive } from './archive.js';
import type { DetectorFactory, PreflightOptions, ScanContext } from './detector.js';
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
  return (await preflightPackage(zipPath, deps)).report;
}

/** The report and the manifest it was made from, read from the same open file (the bot plans with both). */
export interface PreflightOutcome {
  report: PreflightReport;
  manifest: Manifest | undefined;
}

/** As runPreflight, also handing back the package's manifest (undefined when it has none that validates). */
export async function preflightPackage(zipPath: string, deps: PreflightDeps): Promise<PreflightOutcome> {
  const archive = await deps.openArchive({ kind: 'file', path: zipPath }, deps.limits);
  try {
    // Of the open file the scan reads, not of whatever the path names by now.
    const sha256 = await archive.sha256();
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
    const report: PreflightReport = {
      schemaVersion: 1,
      tool: { name: 'dten', version: deps.toolVersion },
      package: {
        file: basename(zipPath),
        sha256,
        bytes: archive.size,
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
    return { report, manifest };
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
