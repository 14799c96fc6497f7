const PE_OFFSET = 0x40;
const COFF = PE_OFFSET + 4;
const OPTIONAL = COFF + 20;
const OPTIONAL_SIZE = 0xf0;
const SECTION = OPTIONAL + OPTIONAL_SIZE;
const FILE_ALIGN = 0x200;

/** A minimal PE32+ x86-64 console executable whose COFF TimeDateStamp is `builtAt`; `label` is readable by `strings`. */
export function buildPeImage(builtAt: Date, label: string): Buffer {
  const image = Buffer.alloc(2 * FILE_ALIGN);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(PE_OFFSET, 0x3c); // e_lfanew
  image.write('PE\0\0', PE_OFFSET, 'latin1');
  image.writeUInt16LE(0x8664, COFF); // AMD64
  image.writeUInt16LE(1, COFF + 2); // one section
  image.writeUInt32LE(Math.floor(builtAt.getTime() / 1000), COFF + 4); // TimeDateStamp
  image.writeUInt16LE(OPTIONAL_SIZE, COFF + 16);
  image.writeUInt16LE(0x0022, COFF + 18); // executable, large-address aware
  image.writeUInt16LE(0x20b, OPTIONAL); // PE32+
  image.writeUInt8(14, OPTIONAL + 2); // linker 14.0
  image.writeUInt32LE(FILE_ALIGN, OPTIONAL + 4); // SizeOfCode
  image.writeUInt32LE(0x1000, OPTIONAL + 16); // entry point RVA
  image.writeUInt32LE(0x1000, OPTIONAL + 20); // BaseOfCode
  image.writeBigUInt64LE(0x140000000n, OPTIONAL + 24); // ImageBase
  image.writeUInt32LE(0x1000, OPTIONAL + 32); // SectionAlignment
  image.writeUInt32LE(FILE_ALIGN, OPTIONAL + 36);
  image.writeUInt16LE(6, OPTIONAL + 40); // OS 6.0
  image.writeUInt16LE(6, OPTIONAL + 48); // subsystem 6.0
  image.writeUInt32LE(0x2000, OPTIONAL + 56); // SizeOfImage
  image.writeUInt32LE(FILE_ALIGN, OPTIONAL + 60); // SizeOfHeaders
  image.writeUInt16LE(3, OPTIONAL + 68); // console
  image.writeUInt16LE(0x8100, OPTIONAL + 70); // NX compatible, terminal-server aware
  image.writeBigUInt64LE(0x100000n, OPTIONAL + 72);
  image.writeBigUInt64LE(0x1000n, OPTIONAL + 80);
  image.writeBigUInt64LE(0x100000n, OPTIONAL + 88);
  image.writeBigUInt64LE(0x1000n, OPTIONAL + 96);
  image.writeUInt32LE(16, OPTIONAL + 108); // data directories, all empty
  image.write('.text', SECTION, 'latin1');
  image.writeUInt32LE(0x10, SECTION + 8); // VirtualSize
  image.writeUInt32LE(0x1000, SECTION + 12);
  image.writeUInt32LE(FILE_ALIGN, SECTION + 16); // SizeOfRawData
  image.writeUInt32LE(FILE_ALIGN, SECTION + 20); // PointerToRawData
  image.writeUInt32LE(0x60000020, SECTION + 36); // code, execute, read
  Buffer.from([0x31, 0xc0, 0xc3]).copy(image, FILE_ALIGN); // xor eax, eax; ret
  Buffer.from(`${label}\0`).copy(image, FILE_ALIGN + 16);
  return image;
}
