import type { Finding } from '../../../core/findings/finding.js';
import type { DetectorFactory, FileMeta } from '../../detector.js';
import { assessCertificates } from './assess-certificates.js';
import { checkDeclaredCertificates } from './check-declared-certificates.js';
import { readPackageCertificate, type PackageCertificate } from './package-certificate.js';
import { readPemCertificates } from './read-pem-certificates.js';

const DER_FILE = /\.(crt|cer|der)$/i;

/**
 * Certificates in PEM text (one or many per file) and DER files: validity, key and signature strength, chains
 * against the trusted CAs, the manifest's `certificates`, and the order to preinstall them in.
 */
export const createCertificateDetector: DetectorFactory = ({ manifest, options }) => {
  const found: PackageCertificate[] = [];
  const readable = new Set<string>();
  const unreadable = new Set<string>();
  const gather = (meta: FileMeta, der: Buffer, line: number | undefined): Finding[] => {
    const key = meta.depth === 0 ? meta.name : meta.path;
    const read = readPackageCertificate(der, meta.path, line);
    if (read) {
      found.push(read);
      readable.add(key);
      return [];
    }
    unreadable.add(key);
    return [
      {
        category: 'certificate',
        severity: 'warning',
        rule: 'certificate/unreadable',
        path: meta.path,
        ...(line && { line }),
        message: 'This file holds a certificate that cannot be parsed, so dten could not check it.',
        remediation: 'Look at it with "openssl x509 -noout -text" and ask the vendor for an intact copy.',
      },
    ];
  };
  return {
    id: 'certificate',
    scanText: (file) =>
      readPemCertificates(file.text).flatMap((block) => gather(file.meta, block.der, file.firstLine - 1 + block.line)),
    scanBinary: (file) => (DER_FILE.test(file.meta.name) ? gather(file.meta, file.head, undefined) : []),
    finish: (files) => [
      ...assessCertificates(found, options.trustedCaPem, options.now),
      ...checkDeclaredCertificates(manifest, files, readable, unreadable),
    ],
  };
};
