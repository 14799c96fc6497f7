import type { X509Certificate } from 'node:crypto';
import { findWeakKey } from './find-weak-key.js';
import type { CertificateProblem } from './package-certificate.js';
import { findWeakSignature } from './read-signature-algorithm.js';

/** A key below RSA 2048 / EC 256 bits (blocker); an MD5 or SHA-1 signature (blocker, or a warning on a root). */
export function checkStrength(cert: X509Certificate, name: string, isRoot: boolean): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const weakKey = findWeakKey(cert);
  if (weakKey) {
    problems.push({
      severity: 'blocker',
      rule: 'certificate/weak-key',
      message: `${name} has a ${weakKey} key, below the minimum of RSA 2048 bits or EC 256 bits; current OpenSSL and browsers refuse or distrust it.`,
      remediation:
        'Ask the vendor to re-issue it with an RSA key of at least 2048 bits or an EC key on P-256 or stronger.',
    });
  }
  const weakSignature = findWeakSignature(cert.raw);
  if (weakSignature && isRoot) {
    problems.push({
      severity: 'warning',
      rule: 'certificate/weak-signature',
      message: `The root ${name} signs itself with ${weakSignature}. A root is trusted for its key, not its self-signature, so this is not broken by itself, but it marks an old CA.`,
      remediation: `Ask the vendor whether the root is re-issued with SHA-256, and make sure nothing below it is signed with ${weakSignature}.`,
    });
  } else if (weakSignature) {
    problems.push({
      severity: 'blocker',
      rule: 'certificate/weak-signature',
      message: `${name} is signed with ${weakSignature}, which can be forged; OpenSSL 3 refuses such certificate signatures at its default security level.`,
      remediation: 'Ask the vendor to re-issue the certificate with a SHA-256 (or stronger) signature.',
    });
  }
  return problems;
}
