/** Text as Windows tools write it: UTF-16, little- or big-endian, with a byte-order mark unless told otherwise. */
export function encodeUtf16(text: string, order: 'le' | 'be' = 'le', bom = true): Buffer {
  const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  return order === 'be' ? bytes.swap16() : bytes;
}
