import type { X509Certificate } from 'node:crypto';

/** How one certificate links to the certificate that signed it. */
export type IssuerLink =
  | { kind: 'self' }
  | { kind: 'issued'; issuer: X509Certificate; trusted: boolean }
  | { kind: 'missing' }
  | { kind: 'bad-signature'; claimed: X509Certificate };

/**
 * Finds the issuer among the trusted CAs first, then the package: names and key identifiers must match
 * (`checkIssued`) and the signature must verify with the issuer's key.
 */
export function findIssuer(
  cert: X509Certificate,
  trusted: readonly X509Certificate[],
  inPackage: readonly X509Certificate[],
): IssuerLink {
  // checkIssued refuses an issuer without keyCertSign, so a self-signed end certificate is recognised by its names.
  if (cert.subject === cert.issuer && verifies(cert, cert)) return { kind: 'self' };
  let claimed: X509Certificate | undefined;
  for (const [candidates, isTrusted] of [
    [trusted, true],
    [inPackage, false],
  ] as const) {
    for (const candidate of candidates) {
      if (!cert.checkIssued(candidate)) continue;
      if (verifies(cert, candidate)) {
        return candidate.fingerprint256 === cert.fingerprint256
          ? { kind: 'self' }
          : { kind: 'issued', issuer: candidate, trusted: isTrusted };
      }
      claimed ??= candidate;
    }
  }
  if (claimed === undefined && cert.subject === cert.issuer) claimed = cert;
  return claimed ? { kind: 'bad-signature', claimed } : { kind: 'missing' };
}

function verifies(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
