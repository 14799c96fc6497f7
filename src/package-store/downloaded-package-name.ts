const SHA256 = /^[0-9a-f]{64}$/;

/** A downloaded package is kept under its digest, so the same package is found again whatever its key or URL. */
export function downloadedPackageName(sha256: string): string {
  const digest = sha256.toLowerCase();
  // Signed jobs carry only 64 hex digits (sha256Schema); anything else here is a programming error.
  if (!SHA256.test(digest)) throw new TypeError('a package digest is 64 hex digits of sha256');
  return `${digest}.zip`;
}
