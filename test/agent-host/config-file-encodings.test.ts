import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherHostFacts } from '../../src/agent/gather-host-facts.js';
import { applyConfig } from '../../src/agent/host/apply-config.js';
import { backupConfig } from '../../src/agent/host/backup-config.js';
import type { TextFileEncoding } from '../../src/agent/host/encode-text.js';
import { extractRelease } from '../../src/agent/host/extract-release.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import { readConfiguredPort } from '../../src/agent/host/read-configured-port.js';
import { restoreConfig } from '../../src/agent/host/restore-config.js';
import { switchCurrent } from '../../src/agent/host/switch-current.js';
import { preflightOnHost } from '../../src/agent/steps/preflight-on-host.js';
import { describeHostStepError } from '../../src/messages/host-step-error-text.js';
import { createTestHostContext } from '../agent-steps/create-test-host-context.js';
import { fetchFixturePackage, fixtureRef } from '../agent-steps/fixture-packages.js';
import { encodeUtf16 } from '../preflight/encode-utf16.js';
import { buildHostFixtures, type HostFixtures } from './build-host-fixtures.js';

let fixtures: HostFixtures;
beforeAll(async () => {
  fixtures = await buildHostFixtures();
});
afterAll(() => fixtures?.remove());

/** 4.2.0's config change, as its manifest gives it. */
const HYBRID = { required: { 'dten.hybrid.enable': true }, removed: ['dten.legacy.mode'] };

/** The bytes a Windows editor saves `text` as. */
function savedAs(text: string, { encoding, byteOrderMark }: TextFileEncoding): Buffer {
  if (encoding === 'utf8' || encoding === 'latin1')
    return Buffer.from(`${byteOrderMark ? '\uFEFF' : ''}${text}`, encoding);
  return encodeUtf16(text, encoding === 'utf16le' ? 'le' : 'be', byteOrderMark);
}

/** Notepad saves "Unicode" as UTF-16LE with a BOM, and "Unicode big endian" as UTF-16BE with one. */
const CASES = [
  {
    saved: 'UTF-16LE with a BOM, CRLF',
    file: 'config/dten.properties',
    as: { encoding: 'utf16le', byteOrderMark: true },
    head: [0xff, 0xfe, 0x23, 0x00],
    before:
      '# Größe des Caches: siehe unten\r\ndten.listen.port = 8420\r\ndten.legacy.mode = true\r\ndten.log.level = info\r\n',
    after:
      '# Größe des Caches: siehe unten\r\ndten.listen.port = 8420\r\ndten.log.level = info\r\ndten.hybrid.enable = true\r\n',
  },
  {
    saved: 'UTF-16BE with a BOM',
    file: 'config/dten.ini',
    as: { encoding: 'utf16be', byteOrderMark: true },
    head: [0xfe, 0xff, 0x00, 0x3b],
    before: '; dten — configuration\n[dten]\nlegacy.mode = true\n\n[dten.listen]\nport = 8420\n',
    after: '; dten — configuration\n[dten]\nhybrid.enable = true\n\n[dten.listen]\nport = 8420\n',
  },
  {
    saved: 'UTF-8 with a BOM',
    file: 'config/dten.yaml',
    as: { encoding: 'utf8', byteOrderMark: true },
    head: [0xef, 0xbb, 0xbf, 0x64],
    before: 'dten:\n  listen:\n    port: 8420\n  legacy:\n    mode: true\n    cache: 64\n',
    // With the mark read as part of `dten:`, `enable` came out three spaces in.
    after: 'dten:\n  listen:\n    port: 8420\n  legacy:\n    cache: 64\n  hybrid:\n    enable: true\n',
  },
  {
    saved: 'UTF-16LE without a BOM',
    file: 'config/dten.json',
    as: { encoding: 'utf16le', byteOrderMark: false },
    head: [0x7b, 0x00],
    before: '{\n  "dten": {\n    "listen": { "port": 8420 },\n    "legacy": { "mode": true, "cache": 64 }\n  }\n}\n',
    after:
      '{\n  "dten": {\n    "listen": { "port": 8420 },\n    "legacy": { "cache": 64 },\n' +
      '    "hybrid": {\n      "enable": true\n    }\n  }\n}\n',
  },
  {
    // Not UTF-8: read as UTF-8, `ß` and `ö` came back as U+FFFD and changed a value the service reads.
    saved: 'ISO-8859-1, as Java writes a .properties file',
    file: 'config/cache.properties',
    as: { encoding: 'latin1', byteOrderMark: false },
    head: [0x23, 0x20, 0x47, 0x72, 0xf6],
    before: '# Größe\ndten.cache.name = groß\ndten.legacy.mode = true\n',
    after: '# Größe\ndten.cache.name = groß\ndten.hybrid.enable = true\n',
  },
] satisfies { saved: string; file: string; as: TextFileEncoding; head: number[]; before: string; after: string }[];

describe('live config files saved by Windows tools, as the agent changes them', () => {
  it.each(CASES)(
    'when $file is saved as $saved, applying 4.2.0 sets dten.hybrid.enable and drops dten.legacy.mode in that same encoding; applying again changes nothing and restoring brings back the exact bytes',
    async ({ file, as, head, before, after }) => {
      const host = await fixtures.newHost();
      // The file is live, so the release's copy is never read.
      const releaseDir = join(host.root, 'release');
      const live = host.liveConfigFile(file);
      await mkdir(host.configDir, { recursive: true });
      const original = savedAs(before, as);
      await writeFile(live, original);
      const change = { file, ...HYBRID };

      await backupConfig(host, 'rollout-1', [file]);
      const name = file.replace('config/', '');
      expect(await applyConfig(host, releaseDir, [change])).toEqual([
        { file: name, seeded: false, set: ['dten.hybrid.enable'], removed: ['dten.legacy.mode'] },
      ]);
      const written = await readFile(live);
      expect([...written.subarray(0, head.length)]).toEqual(head);
      expect(written).toEqual(savedAs(after, as));

      expect(await applyConfig(host, releaseDir, [change])).toEqual([
        { file: name, seeded: false, set: [], removed: [] },
      ]);
      expect(await readFile(live)).toEqual(written);

      expect(await restoreConfig(host, 'rollout-1')).toEqual([{ file: name, action: 'restored' }]);
      expect(await readFile(live)).toEqual(original);
    },
  );

  it("when the config file is not live yet, it is seeded in the release copy's encoding, byte-order mark and all", async () => {
    const host = await fixtures.newHost();
    const releaseDir = join(host.root, 'release');
    await mkdir(join(releaseDir, 'config'), { recursive: true });
    const as: TextFileEncoding = { encoding: 'utf16be', byteOrderMark: true };
    await writeFile(join(releaseDir, 'config/dten.conf'), savedAs('dten.listen.port = 8420\r\n', as));

    const applied = await applyConfig(host, releaseDir, [{ file: 'config/dten.conf', ...HYBRID }]);
    expect(applied).toEqual([{ file: 'dten.conf', seeded: true, set: ['dten.hybrid.enable'], removed: [] }]);
    expect(await readFile(join(host.configDir, 'dten.conf'))).toEqual(
      savedAs('dten.listen.port = 8420\r\ndten.hybrid.enable = true\r\n', as),
    );
  });

  it('when a Latin-1 file would have to hold a value beyond Latin-1, nothing is written and the words say what to do', async () => {
    const host = await fixtures.newHost();
    const live = host.liveConfigFile('config/cache.properties');
    await mkdir(host.configDir, { recursive: true });
    const original = Buffer.from('# Größe\ndten.cache.name = groß\n', 'latin1');
    await writeFile(live, original);
    const change = {
      file: 'config/cache.properties',
      required: { 'dten.currency': '€', 'dten.cache.name': 'groß' },
      removed: [],
    };

    const error = await applyConfig(host, join(host.root, 'release'), [change]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostStepError);
    expect(describeHostStepError(error as HostStepError)).toBe(
      'config/cache.properties on this host is not UTF-8 (it is edited as ISO-8859-1), and the value the package sets for dten.currency has characters it cannot hold; it was not written. Save the file as UTF-8 on the host, then run the step again.',
    );
    expect(await readFile(live)).toEqual(original);
  });

  it.each(CASES.map((item) => ({ saved: item.saved, as: item.as })))(
    "when dten.conf is saved as $saved, the host's facts, per-host preflight and the service's port see its keys",
    async ({ as }) => {
      const layout = await fixtures.newHost();
      const { ctx } = await createTestHostContext(layout, {
        database: undefined,
        fetchPackage: fetchFixturePackage(fixtures),
      });
      await extractRelease(layout, fixtures.ready.outFile, { sha256: fixtures.ready.sha256, version: '4.2.0' });
      await switchCurrent(layout, { version: '4.2.0' });
      await mkdir(layout.configDir, { recursive: true });
      const live = join(layout.configDir, 'dten.conf');
      const text = 'dten.listen.address = 127.0.0.1\r\ndten.listen.port = 9431\r\ndten.legacy.mode = true\r\n';
      await writeFile(live, savedAs(`# dten 4.1.0 configuration\r\n${text}`, as));

      const facts = await gatherHostFacts({
        hostId: 'web-1',
        labels: {},
        layout,
        services: ctx.services,
        agentVersion: 'test',
        now: new Date(),
      });
      expect(facts.configKeys).toEqual(['dten.legacy.mode', 'dten.listen.address', 'dten.listen.port']);

      const checks = await preflightOnHost(ctx, {
        package: fixtureRef(fixtures.ready),
        window: { start: '2026-03-14T02:00:00.000Z', durationMinutes: 60 },
      });
      expect(checks.filter((check) => check.check === 'config').map((check) => check.detail)).toEqual([
        'config/dten.conf: will drop dten.legacy.mode; will set dten.hybrid.enable',
      ]);

      expect(await readConfiguredPort(live, 'dten.listen.port')).toBe(9431);
    },
  );
});
