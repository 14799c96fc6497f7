import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { createStaleBinaryDetector } from '../../src/preflight/detectors/stale-binary/create-stale-binary-detector.js';
import { buildTestManifest } from './build-test-manifest.js';
import { binaryFile, metaOf, runDetectorFiles, type FixtureFiles } from './run-detector-files.js';
import type { FixtureRun } from './run-text-detector.js';

const DAY_MS = 86_400_000;
const BUILD = new Date('2025-05-01T12:00:00Z');
const daysBeforeBuild = (days: number): Date => new Date(BUILD.getTime() - days * DAY_MS);
const manifest = buildTestManifest({ buildDate: BUILD.toISOString() });
const NOW = new Date('2025-06-01T00:00:00Z');

/** MZ header, e_lfanew, PE signature and a COFF header whose TimeDateStamp is `linkedAt`. */
function peHead(linkedAt: Date | number, label = ''): Buffer {
  const head = Buffer.alloc(0x200);
  head.write('MZ', 0, 'latin1');
  head.writeUInt32LE(0x80, 0x3c);
  head.write('PE\0\0', 0x80, 'latin1');
  head.writeUInt16LE(0x8664, 0x84);
  head.writeUInt32LE(typeof linkedAt === 'number' ? linkedAt : Math.floor(linkedAt.getTime() / 1000), 0x88);
  head.write(`${label}\0`, 0x100, 'latin1');
  return head;
}
const elfHead = (label = ''): Buffer =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.from(`${label}\0`)]);
const machOHead = (): Buffer => Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01, 0, 0, 0, 0]);
const fatHead = (): Buffer => Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2, 0, 0, 0, 7]);
const javaClassHead = (): Buffer => Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, 0, 0x1d]);

function scan(files: FixtureFiles, run: FixtureRun = { manifest }): Promise<Finding[]> {
  return runDetectorFiles(createStaleBinaryDetector, files, {
    ...run,
    options: { staleBinaryDays: 180, now: NOW, ...run.options },
  });
}
const summary = (findings: Finding[]): string[] => findings.map((f) => `${f.severity} ${f.rule} ${f.path}`).sort();

describe('stale-binary detector', () => {
  it('when a PE tool was linked three product cycles before the build, the warning gives the days, the allowance and the version it carries', async () => {
    const findings = await scan({
      binaries: [binaryFile('bin/dten-tool.exe', peHead(daysBeforeBuild(729), 'dten-tool 3.9.2'), BUILD)],
    });
    expect(summary(findings)).toEqual(['warning stale-binary/older-than-build bin/dten-tool.exe']);
    const [finding] = findings;
    expect(finding?.message).toContain(
      'This PE executable was linked (PE header) on 2023-05-03, 729 days (about 2 years) before the package build date (2025-05-01), beyond the 180-day allowance',
    );
    expect(finding?.message).toContain('it carries version 3.9.2, while the package is 4.2.0');
    expect(finding?.remediation).toMatch(
      /Ask the vendor whether this binary is meant to ship with 4\.2\.0.*release notes/,
    );
  });

  it('when an ELF helper has no timestamp of its own, its archive time decides, and the report says so', async () => {
    const findings = await scan({
      binaries: [
        binaryFile('bin/dten-helper', elfHead('dten-helper 4.2.0'), daysBeforeBuild(400)),
        binaryFile('bin/dten-migrate', elfHead(), daysBeforeBuild(1)),
      ],
    });
    expect(summary(findings)).toEqual(['warning stale-binary/older-than-build bin/dten-helper']);
    expect(findings[0]?.message).toContain(
      'ELF executable was last modified (archive time) on 2024-03-27, 400 days (about 13 months)',
    );
    expect(findings[0]?.message).not.toContain('carries version');
  });

  it('when thin and universal Mach-O binaries are old they are reported, while a Java class sharing the 0xCAFEBABE magic is not', async () => {
    const old = daysBeforeBuild(365);
    const findings = await scan({
      binaries: [
        binaryFile('mac/dten', machOHead(), old),
        binaryFile('mac/dten-universal', fatHead(), old),
        binaryFile('lib/Main.class', javaClassHead(), old),
      ],
    });
    expect(summary(findings)).toEqual([
      'warning stale-binary/older-than-build mac/dten',
      'warning stale-binary/older-than-build mac/dten-universal',
    ]);
    expect(findings.map((f) => f.message.split(' executable')[0])).toEqual(
      expect.arrayContaining(['This Mach-O', 'This Mach-O universal']),
    );
  });

  it('when a PE TimeDateStamp is not a plausible time (a reproducible-build hash), the archive time is used instead', async () => {
    const hashLike = 0xf3a1c2d4;
    const fresh = await scan({ binaries: [binaryFile('bin/repro.exe', peHead(hashLike), daysBeforeBuild(2))] });
    expect(fresh).toEqual([]);
    const old = await scan({ binaries: [binaryFile('bin/repro.exe', peHead(hashLike), daysBeforeBuild(300))] });
    expect(old[0]?.message).toContain('last modified (archive time)');
  });

  it('when a binary is stamped after the build date, it is reported as info about clock skew or tampering', async () => {
    const findings = await scan({
      binaries: [binaryFile('bin/dten-tool.exe', peHead(new Date(BUILD.getTime() + 9 * DAY_MS)), BUILD)],
    });
    expect(summary(findings)).toEqual(['info stale-binary/newer-than-build bin/dten-tool.exe']);
    expect(findings[0]?.message).toContain('9 days after the package build date');
  });

  it('when a binary is within the allowance, nothing is reported, however old the build allows', async () => {
    const findings = await scan({ binaries: [binaryFile('bin/dten-tool.exe', peHead(daysBeforeBuild(179)), BUILD)] });
    expect(findings).toEqual([]);
    const stricter = await scan(
      { binaries: [binaryFile('bin/dten-tool.exe', peHead(daysBeforeBuild(179)), BUILD)] },
      { manifest, options: { staleBinaryDays: 30 } },
    );
    expect(summary(stricter)).toEqual(['warning stale-binary/older-than-build bin/dten-tool.exe']);
  });

  it('when there is no manifest, the binary is compared with the newest file of the package', async () => {
    const findings = await scan(
      {
        binaries: [binaryFile('bin/dten-helper', elfHead(), daysBeforeBuild(200))],
        others: [metaOf('README.md', 10, BUILD), metaOf('old.txt', 10, daysBeforeBuild(900))],
      },
      {},
    );
    expect(summary(findings)).toEqual(['warning stale-binary/older-than-build bin/dten-helper']);
    expect(findings[0]?.message).toContain('before the newest file in the package (README.md, 2025-05-01)');
  });

  it('when old binaries are not executables (an image, a DOS stub without a PE header), they are left alone', async () => {
    const old = daysBeforeBuild(1000);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const dos = peHead(old);
    dos.write('NE\0\0', 0x80, 'latin1');
    const findings = await scan({
      binaries: [binaryFile('docs/logo.png', png, old), binaryFile('bin/old.com', dos, old)],
    });
    expect(findings).toEqual([]);
  });
});
