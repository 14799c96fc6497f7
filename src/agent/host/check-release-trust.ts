import { readFile } from 'node:fs/promises';
import type { Manifest } from '../../core/manifest/manifest-schema.js';
import { assessCertificates } from '../../preflight/detectors/certificate/assess-certificates.js';
import {
  readPackageCertificate,
  type PackageCertificate,
} from '../../preflight/detectors/certificate/package-certificate.js';
import { readPemCertificates } from '../../preflight/detectors/certificate/read-pem-certificates.js';
import { resolveInside } from './resolve-inside.js';

/**
 * The release's certificate chain (the manifest's `certificates`) against the CAs this agent trusts (DTEN_TRUSTED_CA),
 * judged as the static preflight judges it: what keeps the agent from running the package's scripts, one sentence
 * each; none when the chain leads to a trusted root and nothing in it is expired or broken.
 */
export async function checkReleaseTrust(
  release: { dir: string; manifest: Pick<Manifest, 'certificates'> },
  trustedCaPem: readonly string[],
  now: Date,
): Promise<string[]> {
  const listed = release.manifest.certificates;
  if (listed.length === 0)
    return [
      'the package carries no certificate chain (the manifest lists no "certificates"), and this agent runs only packages whose chain leads to a CA in DTEN_TRUSTED_CA',
    ];
  const found: PackageCertificate[] = [];
  const problems: string[] = [];
  for (const path of listed) {
    const bytes = await readFile(resolveInside(release.dir, path, 'certificate in the manifest')).catch(
      () => undefined,
    );
    if (bytes === undefined) {
      problems.push(`${path}: listed in the manifest but not in the package`);
      continue;
    }
    const text = bytes.toString('latin1');
    const blocks = text.includes('-----BEGIN CERTIFICATE-----')
      ? readPemCertificates(text)
      : [{ der: bytes, line: undefined }];
    for (const { der, line } of blocks) {
      const read = readPackageCertificate(der, path, line);
      if (read) found.push(read);
      else problems.push(`${path}: holds a certificate that cannot be parsed`);
    }
  }
  const blockers = assessCertificates(found, trustedCaPem, now)
    .filter((finding) => finding.severity === 'blocker')
    .map((finding) => `${finding.path ?? 'the chain'}: ${finding.message}`);
  return [...problems, ...blockers];
}
