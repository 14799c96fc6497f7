const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const BINARY_MAGICS = [
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]), // ELF
  Buffer.from('MZ'),
  Buffer.from([0xfe, 0xed, 0xfa, 0xce]),
  Buffer.from([0xfe, 0xed, 0xfa, 0xcf]),
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]),
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from([0x89, 0x50, 0x4e, 0x47]), // PNG
  Buffer.from('%PDF'),
];

export type ContentKind = 'archive' | 'binary' | 'text';

/** Decides from the first bytes (up to 8 KiB) how a file is scanned. */
export function classifyContent(head: Buffer): ContentKind {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'archive';
  if (BINARY_MAGICS.some((magic) => head.subarray(0, magic.length).equals(magic))) return 'binary';
  return head.subarray(0, 8192).includes(0) ? 'binary' : 'text';
}
