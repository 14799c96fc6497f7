const BEGIN = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----/g;

export interface PemCertificate {
  /** The DER bytes of the block (an OpenSSL "TRUSTED CERTIFICATE" keeps its trust settings after the certificate). */
  der: Buffer;
  /** 1-based line of the BEGIN marker within `text`. */
  line: number;
}

/** Certificate blocks in a text, also indented (YAML) or JSON-escaped on one line; private keys are not read here. */
export function readPemCertificates(text: string): PemCertificate[] {
  if (!text.includes('CERTIFICATE-----')) return [];
  const blocks: PemCertificate[] = [];
  BEGIN.lastIndex = 0;
  for (let begin = BEGIN.exec(text); begin !== null; begin = BEGIN.exec(text)) {
    const bodyStart = begin.index + begin[0].length;
    const end = text.indexOf('-----END', bodyStart);
    if (end === -1) break;
    const body = text
      .slice(bodyStart, end)
      .replace(/\\[nr]/g, '')
      .replace(/[^A-Za-z0-9+/=]/g, '');
    blocks.push({ der: Buffer.from(body, 'base64'), line: countLines(text, begin.index) });
    BEGIN.lastIndex = end;
  }
  return blocks;
}

function countLines(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}
