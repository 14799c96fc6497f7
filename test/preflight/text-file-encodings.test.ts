import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReleaseManifest } from '../../src/agent/host/read-release-manifest.js';
import { loadInventory, loadPolicy } from '../../src/cli/load-preflight-inputs.js';
import { buildYazlZip, writeTempFile } from '../archive/build-yazl-zip.js';
import { buildTestManifest } from '../detectors/build-test-manifest.js';
import { runTestPreflight } from '../messages-chat/run-test-preflight.js';
import { encodeUtf16 } from './encode-utf16.js';

const MANIFEST = JSON.stringify(buildTestManifest({ services: [{ unit: 'dten-server.service' }] }), null, 2);

/** The same text as Windows editors save it. */
const SAVED_AS: [string, (text: string) => Buffer][] = [
  ['UTF-8 with a byte-order mark', (text) => Buffer.from(`\uFEFF${text}`, 'utf8')],
  ['UTF-16LE with a byte-order mark', (text) => encodeUtf16(text, 'le')],
  ['UTF-16BE with a byte-order mark', (text) => encodeUtf16(text, 'be')],
];

describe('a manifest, policy or inventory saved by a Windows editor', () => {
  it.each(SAVED_AS)('a manifest.json saved as %s is read as the manifest it is', async (_, save) => {
    const zip = await writeTempFile(
      'bom.zip',
      await buildYazlZip([{ name: 'manifest.json', content: save(MANIFEST) }]),
    );
    const report = await runTestPreflight(zip, new Date('2026-11-29T12:00:00Z'));
    expect(report.package.version).toBe('4.2.0');
    expect(report.findings.filter((finding) => finding.category === 'manifest')).toEqual([]);
  });

  it.each(SAVED_AS)('an agent reads a release whose manifest.json was saved as %s', async (_, save) => {
    const dir = await mkdtemp(join(tmpdir(), 'dten-release-'));
    await writeFile(join(dir, 'manifest.json'), save(MANIFEST));
    expect((await readReleaseManifest(dir, '4.2.0')).services).toEqual([{ unit: 'dten-server.service' }]);
  });

  it.each(SAVED_AS)('--policy and --inventory files saved as %s are read', async (_, save) => {
    const dir = await mkdtemp(join(tmpdir(), 'dten-inputs-'));
    const policy = join(dir, 'policy.json');
    const inventory = join(dir, 'inventory.json');
    await writeFile(policy, save(JSON.stringify({ internalDomains: ['corp.example'] })));
    await writeFile(inventory, save(JSON.stringify({ 'web-1': { dten: '4.1.0' } })));
    expect((await loadPolicy(policy)).internalDomains).toContain('corp.example');
    expect(await loadInventory(inventory)).toEqual({ 'web-1': { dten: '4.1.0' } });
  });
});
