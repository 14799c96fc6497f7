import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { applyConfig } from '../../src/agent/host/apply-config.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { HostStepError } from '../../src/agent/host/host-step-error.js';
import type { ConfigValue } from '../../src/core/manifest/manifest-schema.js';
import type { PackageRef } from '../../src/agent/steps/host-step-context.js';
import { preflightOnHost, type HostCheck } from '../../src/agent/steps/preflight-on-host.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { createTestHostContext } from './create-test-host-context.js';

const WINDOW = { start: '2026-03-14T02:00:00.000Z', durationMinutes: 60 };
const FILE = 'config/cache.properties';
/** `é` is 0xE9 in Latin-1: on its own it is not UTF-8, so the file is read as Latin-1. */
const LIVE_TEXT = '# Größe des Caches\ndten.cache.name = café\n';

let fixtures: HostFixtures;
let packages = 0;

beforeAll(async () => {
  fixtures = await buildHostFixtures();
});
afterAll(() => fixtures?.remove());

/**
 * A package whose manifest requires `required` in config/cache.properties, shipping `seed` as the release's copy of
 * that file when given. Built here rather than with buildTestPackage, whose files are text saved as UTF-8.
 */
async function configPackage(
  required: Record<string, ConfigValue>,
  seed?: Buffer,
): Promise<{ ref: PackageRef; file: string }> {
  const version = '9.0.0';
  const manifest = { name: 'dten', version, buildDate: '2026-03-01', upgradeFrom: '>=4.0.0', reboot: 'none' };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify({ ...manifest, config: [{ file: FILE, required }] })), 'manifest.json', {
    mode: 0o100644,
  });
  if (seed) zip.addBuffer(seed, FILE, { mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const key = `config-encoding-${++packages}.zip`;
  const file = join(fixtures.dir, key);
  await writeFile(file, bytes);
  return { ref: { key, version, sha256: createHash('sha256').update(bytes).digest('hex') }, file };
}

/** A fresh host whose etc/dten/cache.properties holds `live` when given, and the config checks preflight makes there. */
async function configChecks(
  pkg: { ref: PackageRef; file: string },
  live?: Buffer,
): Promise<{ layout: HostLayout; checks: HostCheck[] }> {
  const layout = await fixtures.newHost();
  const { ctx } = await createTestHostContext(layout, {
    database: undefined,
    fetchPackage: () => Promise.resolve(pkg.file),
  });
  if (live) {
    await mkdir(layout.configDir, { recursive: true });
    await writeFile(layout.liveConfigFile(FILE), live);
  }
  const checks = await preflightOnHost(ctx, { package: pkg.ref, window: WINDOW });
  return { layout, checks: checks.filter((check) => check.check === 'config') };
}

describe('per-host preflight of a config file that is not UTF-8', () => {
  it('when the live file is Latin-1 and the package sets a value beyond it, the host is kept out, with the file, the key and what to do, and the file is untouched', async () => {
    const live = Buffer.from(LIVE_TEXT, 'latin1');
    const { layout, checks } = await configChecks(
      await configPackage({ 'dten.currency': '€', 'dten.cache.name': 'café' }),
      live,
    );
    expect(checks).toEqual([
      {
        check: 'config',
        ok: false,
        blocking: true,
        detail:
          'config/cache.properties: not UTF-8 on this host (it is edited as ISO-8859-1), and the value the package sets for dten.currency has characters it cannot hold, so the install would refuse to write it. Save the file as UTF-8 on the host before installing.',
      },
    ]);
    expect(await readFile(layout.liveConfigFile(FILE))).toEqual(live);
    // The install's own refusal, on the same host and release, names the same file and key.
    const refusal = await applyConfig(layout, layout.releaseDir('9.0.0'), [
      { file: FILE, required: { 'dten.currency': '€', 'dten.cache.name': 'café' }, removed: [] },
    ]).catch((caught: unknown) => caught);
    expect(refusal).toBeInstanceOf(HostStepError);
    expect(refusal).toMatchObject({ code: 'config-unencodable', params: { file: FILE, keys: ['dten.currency'] } });
  });

  it('when the live Latin-1 file is to hold values within Latin-1, the check passes and says what will be set', async () => {
    const { checks } = await configChecks(
      await configPackage({ 'dten.currency': 'é' }),
      Buffer.from(LIVE_TEXT, 'latin1'),
    );
    expect(checks).toEqual([
      { check: 'config', ok: true, blocking: false, detail: 'config/cache.properties: will set dten.currency' },
    ]);
  });

  it('when the live file is UTF-8, a value beyond Latin-1 is no problem', async () => {
    const { checks } = await configChecks(await configPackage({ 'dten.currency': '€' }), Buffer.from(LIVE_TEXT));
    expect(checks).toEqual([
      { check: 'config', ok: true, blocking: false, detail: 'config/cache.properties: will set dten.currency' },
    ]);
  });

  it("when the file is not live yet, it is judged by the release copy's encoding, as install seeds it", async () => {
    const required = { 'dten.currency': '€' };
    const latin1 = await configChecks(await configPackage(required, Buffer.from(LIVE_TEXT, 'latin1')));
    expect(latin1.checks).toEqual([
      {
        check: 'config',
        ok: false,
        blocking: true,
        detail:
          "config/cache.properties: not on this host yet, and the release's copy it would be seeded from is not UTF-8 (it is edited as ISO-8859-1); the value the package sets for dten.currency has characters it cannot hold, so the install would refuse to write it. Put a UTF-8 copy of it on the host before installing.",
      },
    ]);
    const utf8 = await configChecks(await configPackage(required, Buffer.from(LIVE_TEXT)));
    expect(utf8.checks).toMatchObject([{ check: 'config', ok: true, blocking: false }]);
  });
});
