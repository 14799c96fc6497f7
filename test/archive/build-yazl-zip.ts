import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import yazl from 'yazl';

export interface YazlFile {
  name: string;
  content?: string | Buffer;
  /** A stream is added with yazl's streaming API (data descriptor, deflated). */
  stream?: Readable;
  directory?: boolean;
  mode?: number;
  mtime?: Date;
  compress?: boolean;
}

/** Builds a real zip with yazl, the way a vendor's ordinary tooling would. */
export async function buildYazlZip(files: readonly YazlFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) {
    const options = { mode: file.mode, mtime: file.mtime ?? new Date('2024-05-01T10:00:00Z') };
    if (file.directory) zip.addEmptyDirectory(file.name, options);
    else if (file.stream) zip.addReadStream(file.stream, file.name, options);
    else zip.addBuffer(Buffer.from(file.content ?? ''), file.name, { ...options, compress: file.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes bytes to a fresh temporary folder and returns the file's path. */
export async function writeTempFile(name: string, bytes: Buffer | string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dten-archive-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}
