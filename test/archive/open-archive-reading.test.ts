import { describe, expect, it } from 'vitest';
import type { ArchiveEntry, OpenedArchive } from '../../src/preflight/archive.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { buildYazlZip, writeTempFile } from './build-yazl-zip.js';

async function readText(archive: OpenedArchive, entry: ArchiveEntry | undefined): Promise<string> {
  if (!entry) throw new Error('no such entry');
  const chunks: Buffer[] = [];
  for await (const chunk of archive.read(entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const mtime = new Date('2024-03-02T08:30:00Z');
const installScript = '#!/bin/sh\nsystemctl restart dten\n'.repeat(50);

async function openVendorPackage(): Promise<OpenedArchive> {
  const zip = await buildYazlZip([
    { name: 'scripts', directory: true },
    { name: 'manifest.json', content: '{"name":"dten","version":"5.2.0"}', compress: false, mtime },
    { name: 'scripts/install.sh', content: installScript, mode: 0o100755, mtime },
  ]);
  return openArchive(
    { kind: 'file', path: await writeTempFile('Full-upgrade-package-dten.zip', zip) },
    DEFAULT_ARCHIVE_LIMITS,
  );
}

describe('reading a package through the yauzl adapter', () => {
  it('when a package comes from an ordinary zip tool, every file and folder is listed with its size, mode and time', async () => {
    const archive = await openVendorPackage();
    try {
      expect(archive.hazards).toEqual([]);
      expect(archive.entries.map((entry) => [entry.name, entry.isDirectory])).toEqual([
        ['scripts/', true],
        ['manifest.json', false],
        ['scripts/install.sh', false],
      ]);
      const script = archive.entries.find((entry) => entry.name === 'scripts/install.sh');
      expect(script).toMatchObject({
        uncompressedSize: installScript.length,
        mode: 0o755,
        isSymlink: false,
        encrypted: false,
      });
      expect(script?.compressedSize).toBeLessThan(installScript.length);
      expect(script?.mtime.getTime()).toBe(mtime.getTime());
    } finally {
      archive.close();
    }
  });

  it('when files are read out of order, and one twice, each comes back byte for byte', async () => {
    const archive = await openVendorPackage();
    try {
      const byName = (name: string) => archive.entries.find((entry) => entry.name === name);
      expect(await readText(archive, byName('scripts/install.sh'))).toBe(installScript);
      expect(await readText(archive, byName('manifest.json'))).toBe('{"name":"dten","version":"5.2.0"}');
      expect(await readText(archive, byName('scripts/install.sh'))).toBe(installScript);
      expect(await readText(archive, byName('scripts/'))).toBe('');
    } finally {
      archive.close();
    }
  });

  it('when a nested archive is handed over as bytes, it opens and reads without touching the disk', async () => {
    const inner = await buildYazlZip([{ name: 'config/app.properties', content: 'dten.hybrid.enable=true\n' }]);
    const archive = await openArchive(
      { kind: 'buffer', buffer: inner, name: 'outer.zip!inner.zip' },
      DEFAULT_ARCHIVE_LIMITS,
    );
    try {
      expect(archive.entries.map((entry) => entry.name)).toEqual(['config/app.properties']);
      expect(await readText(archive, archive.entries[0])).toBe('dten.hybrid.enable=true\n');
    } finally {
      archive.close();
    }
  });

  it('when a reader stops half way through a file, the next file still reads normally', async () => {
    const big = Buffer.alloc(512 * 1024, 'dten ');
    const zip = await buildYazlZip([
      { name: 'big.log', content: big },
      { name: 'small.txt', content: 'still here' },
    ]);
    const archive = await openArchive({ kind: 'buffer', buffer: zip, name: 'pkg.zip' }, DEFAULT_ARCHIVE_LIMITS);
    try {
      const [bigEntry, small] = archive.entries;
      if (!bigEntry) throw new Error('missing entry');
      for await (const chunk of archive.read(bigEntry)) if (chunk.length > 0) break;
      expect(await readText(archive, small)).toBe('still here');
    } finally {
      archive.close();
    }
  });
});
