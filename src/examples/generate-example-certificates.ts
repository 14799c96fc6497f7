import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureVendorRoot } from './ensure-vendor-root.js';
import type { ExampleEntry } from './example-entry.js';
import { shiftDays, type ExampleStory } from './example-story.js';
import { issueCertificate } from './issue-certificate.js';

/** The chain files, root first, as listed in the manifest's `certificates`. */
export const EXAMPLE_CERTIFICATE_PATHS = [
  'certs/vendor-root-ca.pem',
  'certs/intermediate-ca.pem',
  'certs/dten-signing.pem',
] as const;

export interface ExampleCertificates {
  entries: ExampleEntry[];
  rootCaPem: string;
}

/**
 * Root → intermediate → leaf, all from the unfamiliar "Northwind Secure Issuing Root". As the package arrived, the
 * leaf comes from a different, unrelated-looking partner intermediate; the chain stays valid either way.
 */
export async function generateExampleCertificates(story: ExampleStory, workDir: string): Promise<ExampleCertificates> {
  const root = await ensureVendorRoot(workDir, story.buildDate);
  const dir = await mkdtemp(join(workDir, `certs-${story.state}-`));
  try {
    const notBefore = shiftDays(story.buildDate, -1);
    const intermediate = await issueCertificate({
      dir,
      name: 'intermediate',
      subject: story.planted
        ? '/C=GB/O=Northwind Secure Partner Services/CN=NWS Partner Release CA 7'
        : '/C=GB/O=Northwind Secure Ltd/CN=Northwind Secure Code Signing CA 1',
      profile: 'intermediate',
      issuer: root,
      notBefore,
      notAfter: shiftDays(story.buildDate, 5 * 365),
    });
    const leaf = await issueCertificate({
      dir,
      name: 'leaf',
      subject: '/C=GB/O=Northwind Software/CN=dten release signing',
      profile: 'leaf',
      issuer: intermediate,
      notBefore,
      notAfter: shiftDays(story.buildDate, 2 * 365),
    });
    const pems = await Promise.all([root, intermediate, leaf].map((cert) => readFile(cert.certFile, 'utf8')));
    return {
      entries: EXAMPLE_CERTIFICATE_PATHS.map((name, index) => ({ name, data: pems[index] ?? '' })),
      rootCaPem: pems[0] ?? '',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
