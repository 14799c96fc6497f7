import type { Finding } from '../core/findings/finding.js';
import { detachString } from './detach-string.js';
import type { Logger } from '../logger.js';
import type { ArchiveLimits, OpenArchive } from './archive.js';
import type { Detector, FileMeta } from './detector.js';
import { newErrorRef } from '../core/errors/new-error-ref.js';

/** What one preflight run carries through the (possibly nested) archives it reads. */
export interface ScanSession {
  detectors: Detector[];
  limits: ArchiveLimits;
  openArchive: OpenArchive;
  log: Logger;
  files: FileMeta[];
  findings: Finding[];
  /** Inflated bytes over every level, checked against `limits.maxTotalBytes`. */
  inflatedBytes: number;
}

/** Runs one detector callback; a bug in one detector costs one file's check, not the whole report. */
export function runDetector(session: ScanSession, detector: Detector, path: string, call: () => Finding[]): void {
  try {
    session.findings.push(...call().map(detachFinding));
  } catch (error) {
    const ref = newErrorRef();
    session.log.error({ err: error, ref, detector: detector.id, path }, 'detector failed');
    session.findings.push({
      category: 'archive',
      severity: 'warning',
      rule: 'archive/detector-failed',
      path,
      message: `The ${detector.id} check could not finish on this file (ref ${ref}); it was not fully checked.`,
      remediation: 'Review the file by hand, and report the ref to the dten maintainers.',
    });
  }
}

function detachFinding(finding: Finding): Finding {
  const { message, remediation, path, evidence } = finding;
  return {
    ...finding,
    path: detachString(path),
    message: detachString(message),
    remediation: detachString(remediation),
    ...(evidence === undefined ? {} : { evidence: detachString(evidence) }),
  };
}
