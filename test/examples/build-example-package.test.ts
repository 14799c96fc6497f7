import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';
import { buildExampleSet, type ExampleSet } from './build-example-set.js';
import { entryText, findEntry, readExampleZip, type ZipEntryReadBack } from './read-example-zip.js';

const DAY_MS = 86_400_000;
let set: ExampleSet;
const zips: Record<string, ZipEntryReadBack[]> = {};

beforeAll(async () => {
  set = await buildExampleSet();
  for (const [state, info] of Object.entries(set.packages)) zips[state] = await readExampleZip(info.outFile);
});
afterAll(() => set?.remove());

const text = (state: string, name: string): string => entryText(zips[state] ?? [], name);
const manifestOf = (state: string) => parseManifest(text(state, 'manifest.json'));
const ageInDays = (state: string, name: string): number =>
  (set.packages.ready.buildDate.getTime() - findEntry(zips[state] ?? [], name).mtime.getTime()) / DAY_MS;

describe('the example packages', () => {
  it('when all three are built, each zip holds exactly the entries its build reported, starting with the manifest', () => {
    for (const [state, info] of Object.entries(set.packages)) {
      expect(zips[state]?.map((entry) => entry.name)).toEqual(info.entries);
      expect(info.entries[0]).toBe('manifest.json');
    }
  });

  it('when the manifests are read, they pass the manifest contract and tell the 4.1.0 → 4.2.0 story', () => {
    for (const state of ['arrived', 'ready', 'previous']) {
      expect(manifestOf(state).findings.filter((finding) => finding.severity === 'blocker')).toEqual([]);
    }
    const arrived = manifestOf('arrived').manifest;
    expect(arrived?.version).toBe('4.2.0');
    expect(arrived?.upgradeFrom).toBe('>=4.0.0 <4.2.0');
    expect(arrived?.buildDate).toBe(set.now.toISOString());
    expect(arrived?.services).toEqual([{ unit: 'dten-server.service', renamedFrom: 'dten.service' }]);
    expect(arrived?.config[0]?.required).toEqual({ 'dten.hybrid.enable': true });
    expect(arrived?.cleanup.credentials.map((item) => item.name)).toEqual(['migration-runner']);
    expect(manifestOf('previous').manifest?.version).toBe('4.1.0');
    expect(manifestOf('previous').manifest?.services).toEqual([{ unit: 'dten.service' }]);
  });

  it('when the vendor pins loosely and only recommends a reboot, the team ships bounded ranges and no reboot, with a note', () => {
    const arrived = manifestOf('arrived').manifest;
    const ready = manifestOf('ready');
    expect(arrived?.dependencies).toEqual({ postgresql: '*', openssl: '>=1.1', 'dten-agent': 'latest' });
    expect(arrived?.reboot).toBe('recommended');
    expect(Object.values(ready.manifest?.dependencies ?? {}).every((range) => /^>=\S+ <\S+$/.test(range))).toBe(true);
    expect(ready.manifest?.reboot).toBe('none');
    expect(String(ready.manifest?.notes)).toMatch(/no .*reboot|need one/i);
  });

  it('when every file the manifest names is looked up, it is in the package', () => {
    for (const state of ['arrived', 'ready', 'previous']) {
      const manifest = manifestOf(state).manifest;
      const scripts = manifest?.scripts;
      const cleanup = manifest?.cleanup;
      const named = [
        scripts?.preinstall,
        scripts?.install,
        scripts?.postinstall,
        scripts?.rollback,
        scripts?.cleanup,
        ...(manifest?.certificates ?? []),
        ...(manifest?.config.map((rule) => rule.file) ?? []),
        ...[...(cleanup?.featureFlags ?? []), ...(cleanup?.webhooks ?? []), ...(cleanup?.credentials ?? [])].map(
          (item) => item.hook,
        ),
      ];
      const missing = named.filter((name) => !zips[state]?.some((entry) => entry.name === name));
      expect(missing, state).toEqual([]);
      expect(named.length).toBeGreaterThanOrEqual(9);
    }
  });

  it('when the zip is unpacked, scripts and programs are executable (0755) and everything else is 0644', () => {
    for (const entry of zips.arrived ?? []) {
      const executable = entry.name.startsWith('bin/') || entry.name.endsWith('.sh');
      expect(entry.mode, entry.name).toBe(executable ? 0o755 : 0o644);
    }
  });

  it('when the binaries arrive, dten-helper and dten-tool.exe are three product cycles (about two years) old, while the rebuilt ones are a day old', () => {
    for (const name of ['bin/dten-helper', 'bin/dten-tool.exe']) {
      expect(ageInDays('arrived', name)).toBeGreaterThan(700);
      expect(ageInDays('ready', name)).toBeLessThanOrEqual(1);
    }
    expect(ageInDays('arrived', 'bin/dten-migrate')).toBe(0);
    expect(findEntry(zips.arrived ?? [], 'manifest.json').mtime.toISOString()).toBe(set.now.toISOString());
  });

  it('when the Windows tool is opened, its COFF TimeDateStamp agrees with its date in the zip', () => {
    for (const state of ['arrived', 'ready']) {
      const tool = findEntry(zips[state] ?? [], 'bin/dten-tool.exe');
      const peOffset = tool.data.readUInt32LE(0x3c);
      expect(tool.data.subarray(0, 2).toString('latin1')).toBe('MZ');
      expect(tool.data.subarray(peOffset, peOffset + 4).toString('latin1')).toBe('PE\0\0');
      expect(tool.data.readUInt32LE(peOffset + 8) * 1000).toBe(tool.mtime.getTime());
    }
  });

  it('when the Linux binaries are opened, they are 64-bit x86-64 ELF executables', () => {
    for (const name of ['bin/dten-helper', 'bin/dten-migrate']) {
      const elf = findEntry(zips.ready ?? [], name).data;
      expect([...elf.subarray(0, 5)]).toEqual([0x7f, 0x45, 0x4c, 0x46, 2]);
      expect(elf.readUInt16LE(16)).toBe(2);
      expect(elf.readUInt16LE(18)).toBe(0x3e);
    }
  });

  it('when the config is read, the arrived copy keeps the legacy key with hybrid off and the ready copy turns hybrid on', () => {
    expect(text('arrived', 'config/dten.conf')).toMatch(/^dten\.legacy\.mode = true$/m);
    expect(text('arrived', 'config/dten.conf')).toMatch(/^dten\.hybrid\.enable = false$/m);
    expect(text('ready', 'config/dten.conf')).not.toMatch(/^dten\.legacy\.mode/m);
    expect(text('ready', 'config/dten.conf')).toMatch(/^dten\.hybrid\.enable = true$/m);
    expect(text('ready', 'config/dten.conf')).toMatch(/^dten\.database\.url = \$\{DTEN_DB_URL\}$/m);
    expect(text('previous', 'config/dten.conf')).toMatch(/^dten\.legacy\.mode = true$/m);
  });

  it('when an operator reads the docs, the README promises a five-minute window and links the vendor guide, and the changelog names the renamed unit and keys', () => {
    expect(text('ready', 'README.md')).toContain('five-minute downtime window');
    expect(text('ready', 'README.md')).toMatch(/https:\/\/docs\.northwind\.example\/\S+/);
    const changelog = text('ready', 'docs/CHANGELOG.md');
    for (const word of ['dten.service', 'dten-server.service', 'dten.legacy.mode', 'dten.hybrid.enable']) {
      expect(changelog).toContain(word);
    }
  });

  it('when the schedules are read, cron.d runs the reindex at 02:30 and the systemd timer matches it', () => {
    expect(text('ready', 'cron/dten-reindex')).toMatch(/^30 2 \* \* \* dten \S+/m);
    expect(text('ready', 'units/dten-reindex.timer')).toContain('OnCalendar=*-*-* 02:30:00');
    expect(text('ready', 'units/dten-server.service')).toMatch(/^ExecStart=\S*bin\/dten-server --config /m);
    expect(zips.previous?.some((entry) => entry.name === 'units/dten.service')).toBe(true);
  });
});
