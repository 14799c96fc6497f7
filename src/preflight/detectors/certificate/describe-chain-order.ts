import type { Finding } from '../../../core/findings/finding.js';
import { describeSubject, formatDay, readValidity, type PackageCertificate } from './package-certificate.js';
import type { ChainEnd } from './trace-chain.js';

/** The info finding listing every package certificate in install order: roots, then intermediates, then leaves. */
export function describeChainOrder(ends: ReadonlyMap<PackageCertificate, ChainEnd>): Finding[] {
  if (ends.size === 0) return [];
  const ordered = [...ends]
    .sort(
      ([a, endA], [b, endB]) =>
        endA.height - endB.height || a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0),
    )
    .map(([item]) => item);
  const entries = ordered.map((item, index) => {
    const { cert } = item;
    const { from, to } = readValidity(cert);
    const issuer = cert.subject === cert.issuer ? 'self-signed' : `issued by ${describeSubject(cert.issuer)}`;
    const where = item.line && item.line > 1 ? `${item.path}:${item.line}` : item.path;
    return `${index + 1}) ${describeSubject(cert.subject)} [${where}], ${issuer}, valid ${formatDay(from)} to ${formatDay(to)}, SHA-256 ${item.fingerprint}`;
  });
  const count =
    ordered.length === 1 ? 'this certificate' : `these ${ordered.length} certificates in this order, root first`;
  return [
    {
      category: 'certificate',
      severity: 'info',
      rule: 'certificate/chain-order',
      path: '',
      message: `The package carries ${ordered.length} certificate(s); preinstall ${count}: ${entries.join('; ')}.`,
      remediation:
        'Install them into the trust store of each host in this order before the upgrade, after checking the fingerprints against the ones the vendor publishes.',
    },
  ];
}
