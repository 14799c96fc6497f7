import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';

const valid = {
  name: 'dten',
  version: '4.2.0',
  buildDate: '2026-11-01T00:00:00Z',
  upgradeFrom: '>=4.0.0 <4.2.0',
  reboot: 'recommended',
  services: [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }],
};

describe('reading the vendor manifest', () => {
  it('when the manifest carries fields dten does not know, they are kept and reported as info with their JSON path', () => {
    const { manifest, findings } = parseManifest(
      JSON.stringify({ ...valid, supportContact: 'ops@vendor', services: [{ ...valid.services[0], restartDelay: 5 }] }),
    );
    expect(manifest?.version).toBe('4.2.0');
    expect((manifest as Record<string, unknown>).supportContact).toBe('ops@vendor');
    expect(findings.map((f) => [f.severity, f.message.split(' ')[0]]).sort()).toEqual([
      ['info', '$.services[0].restartDelay'],
      ['info', '$.supportContact'],
    ]);
  });

  it('when a field has the wrong type or is missing, each is a manifest blocker naming its JSON path', () => {
    const { manifest, findings } = parseManifest(
      JSON.stringify({ ...valid, version: undefined, reboot: 'maybe', services: [{ unit: 42 }] }),
    );
    expect(manifest).toBeUndefined();
    expect(findings.every((f) => f.category === 'manifest' && f.severity === 'blocker')).toBe(true);
    const paths = findings.map((f) => f.message.split(':')[0]);
    expect(paths).toEqual(expect.arrayContaining(['$.version', '$.reboot', '$.services[0].unit']));
  });

  it('when the manifest is not JSON, one blocker says so', () => {
    const { manifest, findings } = parseManifest('{ "name": "dten", ');
    expect(manifest).toBeUndefined();
    expect(findings).toMatchObject([{ rule: 'manifest/invalid-json', severity: 'blocker', path: 'manifest.json' }]);
  });
});
