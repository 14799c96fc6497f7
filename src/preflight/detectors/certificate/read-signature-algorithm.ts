const WEAK_SIGNATURES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'MD2 with RSA',
  '1.2.840.113549.1.1.3': 'MD4 with RSA',
  '1.2.840.113549.1.1.4': 'MD5 with RSA',
  '1.2.840.113549.1.1.5': 'SHA-1 with RSA',
  '1.3.14.3.2.29': 'SHA-1 with RSA',
  '1.2.840.10045.4.1': 'ECDSA with SHA-1',
  '1.2.840.10040.4.3': 'DSA with SHA-1',
};

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** The name of a broken signature algorithm (MD5, SHA-1, …) the certificate is signed with, else undefined. */
export function findWeakSignature(der: Buffer): string | undefined {
  const oid = readSignatureAlgorithm(der);
  return oid === undefined ? undefined : WEAK_SIGNATURES[oid];
}

/** The signatureAlgorithm OID of a DER certificate, dotted; undefined when the DER does not have that shape. */
function readSignatureAlgorithm(der: Buffer): string | undefined {
  // Node 20's X509Certificate has no signatureAlgorithm: walk Certificate ::= SEQUENCE { tbs, algorithm, signature }.
  const certificate = readTlv(der, 0);
  const tbs = certificate && readTlv(der, certificate.start);
  const algorithm = tbs && readTlv(der, tbs.end);
  const oid = algorithm && readTlv(der, algorithm.start);
  if (certificate?.tag !== 0x30 || tbs?.tag !== 0x30 || algorithm?.tag !== 0x30 || oid?.tag !== 0x06) return undefined;
  return decodeOid(der.subarray(oid.start, oid.end));
}

function readTlv(der: Buffer, at: number): Tlv | undefined {
  const tag = der[at];
  const first = der[at + 1];
  if (tag === undefined || first === undefined) return undefined;
  if (first < 0x80) return { tag, start: at + 2, end: at + 2 + first };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || at + 2 + count > der.length) return undefined;
  const length = der.readUIntBE(at + 2, count);
  return { tag, start: at + 2 + count, end: at + 2 + count + length };
}

function decodeOid(bytes: Buffer): string | undefined {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.length > 0 ? arcs.join('.') : undefined;
}
