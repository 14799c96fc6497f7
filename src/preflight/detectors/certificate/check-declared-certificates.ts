import type { Finding } from '../../../core/findings/finding.js';
import type { Manifest } from '../../../core/manifest/manifest-schema.js';
import type { FileMeta } from '../../detector.js';

/** Certificates the manifest lists: missing from the package, or holding no readable certificate, are blockers. */
export function checkDeclaredCertificates(
  manifest: Manifest | undefined,
  files: readonly FileMeta[],
  readable: ReadonlySet<string>,
  unreadable: ReadonlySet<string>,
): Finding[] {
  if (manifest === undefined) return [];
  const present = new Map(files.filter((meta) => meta.depth === 0).map((meta) => [meta.name, meta.path]));
  // The manifest schema has already dropped any `./` in front of a declared path.
  return manifest.certificates.flatMap((name): Finding[] => {
    const path = present.get(name);
    if (path === undefined) {
      return [
        {
          category: 'certificate',
          severity: 'blocker',
          rule: 'certificate/missing',
          path: name,
          message: `The manifest lists the certificate ${name}, but the package does not contain it: the install would fail or run without it.`,
          remediation: `Ask the vendor for a package that includes ${name}, or for a corrected manifest if it is no longer shipped.`,
        },
      ];
    }
    if (readable.has(name) || unreadable.has(name)) return [];
    return [
      {
        category: 'certificate',
        severity: 'blocker',
        rule: 'certificate/not-a-certificate',
        path,
        message: `The manifest lists ${name} as a certificate, but it holds no certificate dten can read.`,
        remediation: `Look at it with "openssl x509 -in ${name} -noout -text" and ask the vendor for the right file.`,
      },
    ];
  });
}
