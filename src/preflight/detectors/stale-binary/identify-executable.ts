export interface ExecutableHead {
  format: 'ELF' | 'PE' | 'Mach-O' | 'Mach-O universal';
  /** The PE COFF TimeDateStamp (seconds since 1970, UTC), when the format has one. */
  linkedAt: Date | undefined;
}

const MACH_O = [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe];
const FAT = [0xcafebabe, 0xcafebabf];
const ELF = 0x7f454c46;
// A Java class file shares 0xCAFEBABE; its next word is the class version (>= 45), a fat binary's its arch count.
const MAX_FAT_ARCHS = 30;

/** Recognises an executable by the magic numbers in its head; undefined for anything else. */
export function identifyExecutable(head: Buffer): ExecutableHead | undefined {
  if (head.length < 8) return undefined;
  const magic = head.readUInt32BE(0);
  if (magic === ELF) return { format: 'ELF', linkedAt: undefined };
  if (MACH_O.includes(magic)) return { format: 'Mach-O', linkedAt: undefined };
  if (FAT.includes(magic) && head.readUInt32BE(4) <= MAX_FAT_ARCHS)
    return { format: 'Mach-O universal', linkedAt: undefined };
  if (head.toString('latin1', 0, 2) !== 'MZ' || head.length < 0x40) return undefined;
  const peOffset = head.readUInt32LE(0x3c);
  if (peOffset + 12 > head.length || head.toString('latin1', peOffset, peOffset + 4) !== 'PE\0\0') return undefined;
  const stamp = head.readUInt32LE(peOffset + 8);
  return { format: 'PE', linkedAt: stamp === 0 ? undefined : new Date(stamp * 1000) };
}
