import type { Finding } from '../../../core/findings/finding.js';
import { nameCertificate, type PackageCertificate } from './package-certificate.js';

export interface TrustContext {
  severity: Finding['severity'];
  /** How many trusted CA certificates the run was given (0: none configured). */
  trustedCount: number;
}

function adviseTrust(trust: TrustContext, plural: boolean): string {
  const [it, is] = plural ? ['they', 'are'] : ['it', 'is'];
  return trust.trustedCount > 0
    ? `${it} ${is} not among the ${trust.trustedCount} trusted CA certificate(s) configured for this preflight`
    : `no trusted CA was given (--trust <ca.pem> or DTEN_TRUSTED_CA), so dten cannot tell whether ${it} ${is} the vendor's`;
}

function locate(item: PackageCertificate): Pick<Finding, 'category' | 'path' | 'line'> {
  return { category: 'certificate', path: item.path, ...(item.line && { line: item.line }) };
}

export function describeSelfSigned(top: PackageCertificate, trust: TrustContext): Finding {
  return {
    ...locate(top),
    severity: trust.severity,
    rule: 'certificate/self-signed',
    message: `${nameCertificate(top.cert.subject)} is a self-signed end certificate: nothing but itself vouches for it, and ${adviseTrust(trust, false)}.`,
    remediation: `Confirm its SHA-256 fingerprint ${top.fingerprint} with the vendor by another channel, then pass it with --trust; better, ask for a certificate issued by their CA.`,
  };
}

export function describeUntrustedRoot(
  top: PackageCertificate,
  items: readonly PackageCertificate[],
  trust: TrustContext,
): Finding {
  const name = nameCertificate(top.cert.subject);
  const others = items.filter((item) => item !== top).map((item) => nameCertificate(item.cert.subject));
  const chain =
    others.length > 0 ? `The chain of ${listNames(others)} ends at ${name}` : `The package carries the root ${name}`;
  return {
    ...locate(top),
    severity: trust.severity,
    rule: 'certificate/untrusted-issuer',
    message: `${chain}, an unfamiliar issuer: ${adviseTrust(trust, false)}.`,
    remediation:
      trust.trustedCount > 0
        ? `Do not install it until the vendor confirms this issuer; if it is theirs, check its SHA-256 fingerprint ${top.fingerprint} with them and add it to the trusted set.`
        : `Confirm the root's SHA-256 fingerprint ${top.fingerprint} with the vendor by another channel, then pass --trust <ca.pem> or set DTEN_TRUSTED_CA so preflight checks the chain against it.`,
  };
}

export function describeBundle(path: string, roots: readonly PackageCertificate[], trust: TrustContext): Finding {
  return {
    category: 'certificate',
    severity: trust.severity,
    rule: 'certificate/untrusted-issuer',
    path,
    message: `This file holds ${roots.length} root certificates, like a CA bundle: ${listNames(roots.map((root) => nameCertificate(root.cert.subject)))}; ${adviseTrust(trust, true)}.`,
    remediation:
      'Ask the vendor why the package ships its own CA bundle and what reads it; hosts should use their system trust store, or a bundle you maintain.',
  };
}

export function describeLoop(top: PackageCertificate): Finding {
  return {
    ...locate(top),
    severity: 'blocker',
    rule: 'certificate/broken-chain',
    message: `The issuers above ${nameCertificate(top.cert.subject)} go round in a loop and never reach a root: hosts cannot build this chain.`,
    remediation:
      'Ask the vendor for the chain up to its root certificate, without cross-signed copies that point back.',
  };
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}
