import type { KeyObject, X509Certificate } from 'node:crypto';

const MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 256;

/** Words for a key below the minimum (`RSA 1024-bit`), else undefined (also for key types OpenSSL cannot load). */
export function findWeakKey(cert: X509Certificate): string | undefined {
  let key: KeyObject;
  try {
    key = cert.publicKey;
  } catch {
    return undefined;
  }
  const details = key.asymmetricKeyDetails ?? {};
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss' || type === 'dsa') {
    const bits = details.modulusLength ?? 0;
    return bits < MIN_RSA_BITS ? `${type.toUpperCase()} ${bits}-bit` : undefined;
  }
  if (type === 'ec') {
    const curve = details.namedCurve ?? 'unknown';
    // Standard curve names carry their size: prime192v1, secp224r1, brainpoolP160r1, sect163k1.
    const bits = Number(/\d{3}/.exec(curve)?.[0] ?? 0);
    return bits < MIN_EC_BITS ? `EC ${curve} (${bits || 'unknown'}-bit)` : undefined;
  }
  return undefined;
}
