import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built zip. Every header field a test may want to forge can be overridden. */
export interface RawZipEntry {
  /** A string is written as UTF-8 with the UTF-8 flag; a Buffer is written as is without it. */
  name: string | Buffer;
  /** The entry's real (inflated) bytes. */
  content?: Buffer | string;
  /** 0 stores, 8 deflates `content`; any other method writes `content` as is. */
  method?: number;
  /** General-purpose flags; bit 0 (encrypted) also prefixes stored data with a 12-byte encryption header. */
  flags?: number;
  /** Unix st_mode kept in the high 16 bits of the external attributes, e.g. 0o120777 for a symlink. */
  unixMode?: number;
  /** Forged values written in both the local header and the central directory. */
  crc32?: number;
  compressedSize?: number;
  uncompressedSize?: number;
  /** Bytes written as the entry data instead of the (compressed) content. */
  data?: Buffer;
  /** Writes no local header: the central record points at entry N's local header instead (overlap). */
  sharesLocalHeaderOf?: number;
}

const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;
const MADE_BY_UNIX = (3 << 8) | 20;

/** Writes local headers, file data, the central directory and the end record byte by byte. */
export function buildRawZip(entries: readonly RawZipEntry[], options: { comment?: string } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? Buffer.from(entry.name, 'utf8') : entry.name;
    const content = Buffer.from(entry.content ?? '');
    const method = entry.method ?? 0;
    const flags = entry.flags ?? (typeof entry.name === 'string' ? 0x800 : 0);
    const encoded = method === 8 ? deflateRawSync(content) : content;
    const data = entry.data ?? ((flags & 1) === 1 ? Buffer.concat([Buffer.alloc(12), encoded]) : encoded);
    const crc = entry.crc32 ?? crc32(content);
    const compressed = entry.compressedSize ?? data.length;
    const inflated = entry.uncompressedSize ?? content.length;
    const shared = entry.sharesLocalHeaderOf === undefined ? undefined : offsets[entry.sharesLocalHeaderOf];
    const localOffset = shared ?? offset;
    offsets.push(localOffset);
    const common = [u16(flags), u16(method), u16(DOS_TIME), u16(DOS_DATE), u32(crc), u32(compressed), u32(inflated)];
    if (shared === undefined) {
      // prettier-ignore
      const local = Buffer.concat([u32(0x04034b50), u16(20), ...common, u16(name.length), u16(0), name, data]);
      parts.push(local);
      offset += local.length;
    }
    const attributes = ((entry.unixMode ?? 0o100644) << 16) >>> 0;
    // prettier-ignore
    central.push(
      Buffer.concat([
        u32(0x02014b50), u16(MADE_BY_UNIX), u16(20), ...common, u16(name.length), u16(0), u16(0),
        u16(0), u16(0), u32(attributes), u32(localOffset), name,
      ]),
    );
  }
  const directory = Buffer.concat(central);
  const comment = Buffer.from(options.comment ?? '', 'latin1');
  // prettier-ignore
  const end = Buffer.concat([
    u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length),
    u32(directory.length), u32(offset), u16(comment.length), comment,
  ]);
  return Buffer.concat([...parts, directory, end]);
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
}
