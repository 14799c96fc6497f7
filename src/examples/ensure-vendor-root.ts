import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { shiftDays } from './example-story.js';
import { issueCertificate, type IssuedCertificate } from './issue-certificate.js';

export const VENDOR_ROOT_SUBJECT = '/C=GB/O=Northwind Secure Ltd/CN=Northwind Secure Issuing Root';

const pending = new Map<string, Promise<IssuedCertificate>>();

/** The vendor root CA kept in `workDir/vendor-root/`: created once, then reused by every build given that folder. */
export function ensureVendorRoot(workDir: string, now: Date): Promise<IssuedCertificate> {
  const dir = resolve(workDir, 'vendor-root');
  // One promise per folder while it is being made, so builds running side by side share one root.
  let root = pending.get(dir);
  if (!root) {
    root = findOrIssueRoot(dir, now);
    pending.set(dir, root);
    const forget = (): boolean => pending.delete(dir);
    void root.then(forget, forget);
  }
  return root;
}

async function findOrIssueRoot(dir: string, now: Date): Promise<IssuedCertificate> {
  const existing = { certFile: join(dir, 'root.pem'), keyFile: join(dir, 'root.key') };
  try {
    await Promise.all([access(existing.certFile), access(existing.keyFile)]);
    return existing;
  } catch {
    return issueCertificate({
      dir,
      name: 'root',
      subject: VENDOR_ROOT_SUBJECT,
      profile: 'root',
      notBefore: shiftDays(now, -3 * 365),
      notAfter: shiftDays(now, 10 * 365),
    });
  }
}
