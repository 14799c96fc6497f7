import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings/finding.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/preflight/archive.js';
import { DEFAULT_DETECTORS } from '../../src/preflight/default-detectors.js';
import type { DetectorFactory } from '../../src/preflight/detector.js';
import { buildYazlZip, writeTempFile, type YazlFile } from '../archive/build-yazl-zip.js';
import { makeSecret } from '../credential/make-secret.js';
import { buildTestManifest } from '../detectors/build-test-manifest.js';
import { preflightPackage } from '../detectors/preflight-package.js';
import { runTestPreflight } from '../messages-chat/run-test-preflight.js';
import { encodeUtf16 } from './encode-utf16.js';

const ROOT = 'dten-4.2.0';
const SEGMENT_CHARS = 64 * 1024;

/** A PowerShell install script with a hard-coded password on line 4. */
function installScript(secret: string): string {
  return [
    '#Requires -RunAsAdministrator',
    '# Installs the dten agent service',
    "$ErrorActionPreference = 'Stop'",
    `$Password = '${secret}'`,
    'New-Service -Name dten-agent -BinaryPathName "C:\\Program Files\\dten\\agent.exe"',
    '',
  ].join('\r\n');
}

const credentialsOf = (findings: Finding[]) =>
  findings.map((finding) => `${finding.rule} ${finding.path}:${finding.line} ${finding.evidence}`);

interface Seen {
  texts: Map<string, { firstLine: number; text: string }[]>;
  binaries: string[];
}

/** Records how the preflight delivered each file: as text segments (with their first line) or as a binary. */
function recordDelivery(seen: Seen): DetectorFactory {
  return () => ({
    id: 'delivery',
    scanText({ meta, firstLine, text }) {
      seen.texts.set(meta.path, [...(seen.texts.get(meta.path) ?? []), { firstLine, text }]);
      return [];
    },
    scanBinary({ meta }) {
      seen.binaries.push(meta.path);
      return [];
    },
  });
}

/** `dten preflight` on a zip of `files`, with segments of 64 Ki characters so a test file need not be huge. */
async function preflightInSegments(files: YazlFile[]): Promise<{ findings: Finding[]; seen: Seen }> {
  const manifest = buildTestManifest({ downtime: '5m' });
  const zip = await writeTempFile(
    'package.zip',
    await buildYazlZip([{ name: `${ROOT}/manifest.json`, content: JSON.stringify(manifest) }, ...files]),
  );
  const seen: Seen = { texts: new Map(), binaries: [] };
  const report = await runTestPreflight(zip, new Date('2026-11-29T12:00:00Z'), [], {
    detectors: [...DEFAULT_DETECTORS, recordDelivery(seen)],
    limits: { ...DEFAULT_ARCHIVE_LIMITS, maxTextBytes: SEGMENT_CHARS },
  });
  return { findings: report.findings, seen };
}

describe('dten preflight on UTF-16 text files, as Windows tools write them', () => {
  it.each([
    ['UTF-16LE with a byte-order mark (PowerShell ISE, Out-File)', 'le', true],
    ['UTF-16BE with a byte-order mark', 'be', true],
    ['UTF-16LE without a byte-order mark', 'le', false],
  ] as const)(
    'when a script saved as %s holds a password, it is reported at its line, masked',
    async (_case, order, bom) => {
      const secret = makeSecret(`utf16-${order}-${bom}`, 24);
      const findings = await preflightPackage(
        [{ name: `${ROOT}/windows/install.ps1`, content: encodeUtf16(installScript(secret), order, bom) }],
        'credential',
      );
      expect(credentialsOf(findings)).toEqual([
        `credential/password-assignment ${ROOT}/windows/install.ps1:4 $Password = '${secret.slice(0, 4)}…(24 chars, masked)'`,
      ]);
      expect(JSON.stringify(findings)).not.toContain(secret);
    },
  );

  it('when a UTF-16 registry export and config name a password and an endpoint, both are reported', async () => {
    const secret = makeSecret('utf16-reg', 20);
    const files = [
      {
        name: `${ROOT}/windows/dten.reg`,
        content: encodeUtf16(
          `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Dten]\r\n"DbPassword"="${secret}"\r\n`,
        ),
      },
      {
        name: `${ROOT}/windows/dten.config`,
        content: encodeUtf16(
          '<?xml version="1.0" encoding="utf-16"?>\r\n<configuration>\r\n  <appSettings>\r\n' +
            '    <add key="UpdateFeed" value="https://updates.vendor-example.com/dten/feed" />\r\n' +
            '  </appSettings>\r\n</configuration>\r\n',
        ),
      },
    ];
    expect(credentialsOf(await preflightPackage(files, 'credential'))).toEqual([
      `credential/password-assignment ${ROOT}/windows/dten.reg:4 "DbPassword"="${secret.slice(0, 4)}…(20 chars, masked)"`,
    ]);
    const endpoints = await preflightPackage(files, 'external-endpoint');
    expect(endpoints.map((finding) => `${finding.path}:${finding.line}`)).toEqual([`${ROOT}/windows/dten.config:4`]);
    expect(endpoints[0]?.message).toContain('updates.vendor-example.com');
  });

  it('when a UTF-16 file is larger than one text segment, a password past the first segment has its own line number', async () => {
    const secret = makeSecret('utf16-large', 24);
    const lines = Array.from({ length: 12_000 }, (_, i) => `Write-Host "step ${i + 1} of the install ✓"`);
    lines.splice(9_999, 0, `$Password = '${secret}'`);
    const { findings, seen } = await preflightInSegments([
      { name: `${ROOT}/windows/big.ps1`, content: encodeUtf16(`${lines.join('\r\n')}\r\n`, 'be') },
    ]);
    const segments = seen.texts.get(`${ROOT}/windows/big.ps1`) ?? [];
    expect(segments.length).toBeGreaterThan(3);
    expect(segments[0]?.firstLine).toBe(1);
    expect(credentialsOf(findings.filter((finding) => finding.category === 'credential'))).toEqual([
      `credential/password-assignment ${ROOT}/windows/big.ps1:10000 $Password = '${secret.slice(0, 4)}…(24 chars, masked)'`,
    ]);
  });

  it('when emoji straddle inflate chunks and segment cuts, the text the detectors see is exactly the file', async () => {
    // The first 16 KiB inflate chunks end between the two halves of an emoji (the mark shifts them by 2 bytes); after
    // the `a`, the cut of the 64 Ki-character segment inside that long line would too.
    const text = `${'😀'.repeat(20_000)}a${'😀'.repeat(40_000)}\r\n${Array.from({ length: 2000 }, (_, i) => `${i} 🚀 ✓`).join('\r\n')}\r\n`;
    const { seen } = await preflightInSegments([
      { name: `${ROOT}/notes-le.txt`, content: encodeUtf16(text, 'le') },
      { name: `${ROOT}/notes-be.txt`, content: encodeUtf16(text, 'be') },
    ]);
    for (const name of ['notes-le.txt', 'notes-be.txt']) {
      const segments = seen.texts.get(`${ROOT}/${name}`) ?? [];
      expect(segments.length).toBeGreaterThan(1);
      for (const segment of segments) expect(segment.text).not.toMatch(/\p{Cs}/u);
      expect(segments.map((segment) => segment.text).join('')).toBe(text);
    }
  });

  it('real binaries still arrive as binaries, and UTF-16 and UTF-8 files as text', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 0)]);
    const pe = Buffer.alloc(4096);
    pe.write('MZ', 0, 'latin1');
    pe.write('PE\0\0', 0x80, 'latin1');
    const noise = randomBytes(8192);
    noise[100] = 0;
    const { seen } = await preflightInSegments([
      { name: `${ROOT}/bin/agent`, content: elf },
      { name: `${ROOT}/bin/agent.exe`, content: pe },
      { name: `${ROOT}/data/blob.bin`, content: noise },
      { name: `${ROOT}/windows/install.ps1`, content: encodeUtf16(installScript('x')) },
      { name: `${ROOT}/install.sh`, content: '\uFEFF#!/bin/sh\necho ok\n' },
    ]);
    expect(seen.binaries.sort()).toEqual([`${ROOT}/bin/agent`, `${ROOT}/bin/agent.exe`, `${ROOT}/data/blob.bin`]);
    expect(seen.texts.get(`${ROOT}/windows/install.ps1`)?.[0]?.text).toBe(installScript('x'));
    expect(seen.texts.get(`${ROOT}/install.sh`)?.[0]?.text).toBe('#!/bin/sh\necho ok\n');
  });
});
