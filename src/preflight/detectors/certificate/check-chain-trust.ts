import type { Finding } from '../../../core/findings/finding.js';
import {
  describeBundle,
  describeLoop,
  describeSelfSigned,
  describeUntrustedRoot,
  type TrustContext,
} from './describe-untrusted-chain.js';
import type { PackageCertificate } from './package-certificate.js';
import type { ChainEnd } from './trace-chain.js';

/** More untrusted roots than this in one file make it a CA bundle, reported once. */
const BUNDLE_SIZE = 3;

/**
 * One finding per untrusted chain top: a self-signed end certificate, a root outside the trusted set, or issuers
 * that loop. Without a trusted set it is a warning, with one a blocker; a missing issuer is reported elsewhere.
 */
export function checkChainTrust(ends: ReadonlyMap<PackageCertificate, ChainEnd>, trustedCount: number): Finding[] {
  const below = new Map<PackageCertificate, PackageCertificate[]>();
  for (const [item, end] of ends) {
    if (end.kind === 'untrusted-root' || end.kind === 'loop') below.set(end.top, [...(below.get(end.top) ?? []), item]);
  }
  const trust: TrustContext = { severity: trustedCount > 0 ? 'blocker' : 'warning', trustedCount };
  const roots = [...below.keys()].filter((top) => ends.get(top)?.kind === 'untrusted-root' && top.cert.ca);
  const byPath = new Map<string, PackageCertificate[]>();
  for (const root of roots) byPath.set(root.path, [...(byPath.get(root.path) ?? []), root]);
  const bundled = new Set([...byPath.values()].filter((group) => group.length > BUNDLE_SIZE).flat());
  const findings = [...byPath]
    .filter(([, group]) => group.length > BUNDLE_SIZE)
    .map(([path, group]) => describeBundle(path, group, trust));
  for (const [top, items] of below) {
    if (bundled.has(top)) continue;
    if (ends.get(top)?.kind === 'loop') findings.push(describeLoop(top));
    else if (!top.cert.ca && items.length === 1) findings.push(describeSelfSigned(top, trust));
    else findings.push(describeUntrustedRoot(top, items, trust));
  }
  return findings;
}
