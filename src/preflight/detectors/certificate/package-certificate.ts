import { X509Certificate } from 'node:crypto';
import type { Finding } from '../../../core/findings/finding.js';
import { escapeForDisplay } from '../../../core/findings/escape-for-display.js';

/** A certificate found in the package, with where it was found. */
export interface PackageCertificate {
  cert: X509Certificate;
  fingerprint: string;
  /** Display path of the file. */
  path: string;
  /** Line of the PEM block; undefined for DER files. */
  line: number | undefined;
}

/** The certificate in `der`, placed at `path` (and `line`, for PEM); undefined when it cannot be parsed. */
export function readPackageCertificate(
  der: Buffer,
  path: string,
  line: number | undefined,
): PackageCertificate | undefined {
  try {
    const cert = new X509Certificate(der);
    return { cert, fingerprint: cert.fingerprint256, path, line };
  } catch {
    return undefined;
  }
}

const DAY_MS = 86_400_000;

/** The common name when there is one, else the whole distinguished name on one line. */
export function nameCertificate(distinguishedName: string): string {
  const lines = distinguishedName.split('\n').filter(Boolean);
  const common = lines.find((line) => line.startsWith('CN='))?.slice(3);
  return `"${escapeForDisplay(common ?? lines.join(', '))}"`;
}

export function describeSubject(distinguishedName: string): string {
  return escapeForDisplay(distinguishedName.split('\n').filter(Boolean).join(', '));
}

export function readValidity(cert: X509Certificate): { from: Date; to: Date } {
  return { from: new Date(cert.validFrom), to: new Date(cert.validTo) };
}

export function formatDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an unreadable date' : date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, rounded towards zero. */
export function countDays(from: Date, to: Date): number {
  return Math.trunc((to.getTime() - from.getTime()) / DAY_MS);
}

export function isSelfIssued(cert: X509Certificate): boolean {
  try {
    return cert.subject === cert.issuer && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

export function formatDays(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** A finding about one certificate before its location is attached. */
export type CertificateProblem = Pick<Finding, 'severity' | 'rule' | 'message' | 'remediation'>;
