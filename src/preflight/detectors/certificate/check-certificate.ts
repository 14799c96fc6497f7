import type { Finding } from '../../../core/findings/finding.js';
import { checkStrength } from './check-strength.js';
import { checkValidity } from './check-validity.js';
import type { IssuerLink } from './find-issuer.js';
import {
  isSelfIssued,
  nameCertificate,
  type CertificateProblem,
  type PackageCertificate,
} from './package-certificate.js';

/** Problems of one certificate on its own: validity against `now`, key and signature strength, its issuer link. */
export function checkCertificate(item: PackageCertificate, link: IssuerLink | undefined, now: Date): Finding[] {
  const name = nameCertificate(item.cert.subject);
  const problems = [
    ...checkValidity(item.cert, name, now),
    ...checkStrength(item.cert, name, isSelfIssued(item.cert)),
    ...checkIssuerLink(item, name, link),
  ];
  return problems.map((problem) => ({
    category: 'certificate',
    path: item.path,
    ...(item.line && { line: item.line }),
    ...problem,
  }));
}

function checkIssuerLink(item: PackageCertificate, name: string, link: IssuerLink | undefined): CertificateProblem[] {
  if (link?.kind === 'missing') {
    return [
      {
        severity: 'blocker',
        rule: 'certificate/broken-chain',
        message: `${name} is issued by ${nameCertificate(item.cert.issuer)}, which is neither in the package nor among the trusted CAs: its chain cannot be checked or built on the hosts.`,
        remediation:
          'Ask the vendor for the missing issuer certificate (usually an intermediate) to add to the package; if your hosts already trust that issuer, pass it with --trust or DTEN_TRUSTED_CA.',
      },
    ];
  }
  if (link?.kind === 'bad-signature') {
    return [
      {
        severity: 'blocker',
        rule: 'certificate/broken-chain',
        message: `${name} names ${nameCertificate(link.claimed.subject)} as its issuer, but its signature does not verify with that certificate's key: it was altered, or the wrong issuer was bundled.`,
        remediation:
          'Do not install it; ask the vendor for the right certificate and issuer, and check that the package reached you intact.',
      },
    ];
  }
  return [];
}
