import type { X509Certificate } from 'node:crypto';
import type { IssuerLink } from './find-issuer.js';
import type { PackageCertificate } from './package-certificate.js';

/** Where a chain ends, walking up from one package certificate through its issuers. */
export interface ChainEnd {
  /** `untrusted-root`: a self-signed certificate outside the trusted set; `loop`: issuers that point back. */
  kind: 'trusted' | 'untrusted-root' | 'broken' | 'loop';
  /** The highest package certificate on the way up. */
  top: PackageCertificate;
  /** The trusted CA the chain ends at, for `trusted`. */
  anchor: X509Certificate | undefined;
  /** How many package certificates lie above the start (0 for the top itself). */
  height: number;
}

export interface ChainIndex {
  links: ReadonlyMap<string, IssuerLink>;
  byFingerprint: ReadonlyMap<string, PackageCertificate>;
  trustedFingerprints: ReadonlySet<string>;
}

export function traceChain(start: PackageCertificate, index: ChainIndex): ChainEnd {
  const seen = new Set<string>();
  let current = start;
  for (;;) {
    seen.add(current.fingerprint);
    const end = { top: current, height: seen.size - 1 };
    if (index.trustedFingerprints.has(current.fingerprint)) return { ...end, kind: 'trusted', anchor: current.cert };
    const link = index.links.get(current.fingerprint);
    if (link?.kind === 'self') return { ...end, kind: 'untrusted-root', anchor: undefined };
    if (link?.kind !== 'issued') return { ...end, kind: 'broken', anchor: undefined };
    const next = index.byFingerprint.get(link.issuer.fingerprint256);
    if (link.trusted && next === undefined) return { ...end, kind: 'trusted', anchor: link.issuer };
    if (next === undefined) return { ...end, kind: 'broken', anchor: undefined };
    if (seen.has(next.fingerprint)) return { ...end, kind: 'loop', anchor: undefined };
    current = next;
  }
}
