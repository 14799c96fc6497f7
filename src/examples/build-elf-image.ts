const BASE = 0x400000;
const HEADER = 64;
const PROGRAM_HEADER = 56;
// mov eax, 60 (exit); xor edi, edi; syscall: the program exits 0 on x86-64 Linux.
const CODE = Buffer.from([0xb8, 0x3c, 0x00, 0x00, 0x00, 0x31, 0xff, 0x0f, 0x05]);

/** A minimal but valid ELF64 x86-64 executable (one PT_LOAD segment) padded to `size`, `label` readable by `strings`. */
export function buildElfImage(label: string, size = 4096): Buffer {
  const image = Buffer.alloc(size);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(image, 0); // magic, 64-bit, little-endian, version 1, SysV
  image.writeUInt16LE(2, 16); // ET_EXEC
  image.writeUInt16LE(0x3e, 18); // EM_X86_64
  image.writeUInt32LE(1, 20);
  image.writeBigUInt64LE(BigInt(BASE + HEADER + PROGRAM_HEADER), 24); // entry point: CODE
  image.writeBigUInt64LE(BigInt(HEADER), 32); // program headers follow the ELF header
  image.writeUInt16LE(HEADER, 52);
  image.writeUInt16LE(PROGRAM_HEADER, 54);
  image.writeUInt16LE(1, 56);
  image.writeUInt16LE(64, 58); // section header size, though there are none
  image.writeUInt32LE(1, HEADER); // PT_LOAD
  image.writeUInt32LE(5, HEADER + 4); // read + execute
  image.writeBigUInt64LE(BigInt(BASE), HEADER + 16);
  image.writeBigUInt64LE(BigInt(BASE), HEADER + 24);
  image.writeBigUInt64LE(BigInt(size), HEADER + 32);
  image.writeBigUInt64LE(BigInt(size), HEADER + 40);
  image.writeBigUInt64LE(0x1000n, HEADER + 48);
  CODE.copy(image, HEADER + PROGRAM_HEADER);
  Buffer.from(`${label}\0`).copy(image, HEADER + PROGRAM_HEADER + CODE.length + 7);
  return image;
}
