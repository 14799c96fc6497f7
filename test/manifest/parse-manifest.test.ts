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

describe('paths and unit names in the manifest', () => {
  const parse = (extra: Record<string, unknown>) => parseManifest(JSON.stringify({ ...valid, ...extra }));
  const refusals = (extra: Record<string, unknown>) => parse(extra).findings.map((finding) => finding.message);

  it.each([
    [{ config: [{ file: '/etc/nginx/nginx.conf' }] }, '$.config[0].file: "/etc/nginx/nginx.conf" is an absolute path'],
    [{ scripts: { install: '../../root/install.sh' } }, '$.scripts.install: "../../root/install.sh" climbs out'],
    [{ scripts: { cleanup: 'scripts\\cleanup.bat' } }, '$.scripts.cleanup: "scripts\\\\cleanup.bat" uses backslashes'],
    [{ certificates: ['C:/certs/vendor.pem'] }, '$.certificates[0]: "C:/certs/vendor.pem" names a drive'],
    [{ migrations: 'db/../../../var/lib/postgresql' }, '$.migrations: "db/../../../var/lib/postgresql" climbs out'],
    [
      { cleanup: { webhooks: [{ name: 'w', hook: 'hooks/x\n.sh' }] } },
      '$.cleanup.webhooks[0].hook: "hooks/x\\n.sh" holds',
    ],
    [{ scripts: { preinstall: 'scripts/' } }, '$.scripts.preinstall: "scripts/" names a folder, not a file'],
    [{ config: [{ file: 'config//dten.conf' }] }, '$.config[0].file: "config//dten.conf" has an empty or `.` segment'],
    [
      { services: [{ unit: '/etc/systemd/system/dten.service' }] },
      '$.services[0].unit: "/etc/systemd/system/dten.service" is a path',
    ],
    [
      { services: [{ unit: 'dten-server.service', renamedFrom: '--now.service' }] },
      '$.services[0].renamedFrom: "--now.service" is not a systemd unit name',
    ],
  ])('%j is a manifest blocker that names the field and what is wrong', (extra, words) => {
    const { manifest, findings } = parse(extra);
    expect(manifest).toBeUndefined();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ category: 'manifest', severity: 'blocker', rule: 'manifest/schema' });
    expect(findings[0]!.message.startsWith(words)).toBe(true);
  });

  it('every bad path of one manifest is a blocker of its own, so the vendor fixes them in one round', () => {
    const messages = refusals({
      scripts: { install: '/bin/x', rollback: '../y' },
      certificates: ['ok.pem', 'C:/z.pem'],
    });
    expect(messages.map((message) => message.split(':')[0])).toEqual([
      '$.scripts.install',
      '$.scripts.rollback',
      '$.certificates[1]',
    ]);
  });

  it('reads the spellings vendors use for paths inside the package, and a unit named without its suffix as systemctl does', () => {
    const { manifest, findings } = parse({
      scripts: { preinstall: './scripts/preinstall.sh' },
      config: [{ file: './config/dten.conf' }],
      certificates: ['certs/vendor-root.pem'],
      migrations: './',
      services: [{ unit: 'dten-server', renamedFrom: 'dten' }, { unit: 'dten-sync.timer' }],
    });
    expect(findings).toEqual([]);
    expect(manifest?.scripts.preinstall).toBe('scripts/preinstall.sh');
    expect(manifest?.config[0]?.file).toBe('config/dten.conf');
    expect(manifest?.migrations).toBe('./');
    expect(manifest?.services).toEqual([
      { unit: 'dten-server.service', renamedFrom: 'dten.service' },
      { unit: 'dten-sync.timer' },
    ]);
    for (const migrations of ['.', 'migrations/', 'db/migrations']) expect(parse({ migrations }).findings).toEqual([]);
  });
});

describe('a unit name the manifest spells wrongly', () => {
  it('is quoted as the vendor wrote it, not as dten read it', () => {
    const { findings } = parseManifest(JSON.stringify({ ...valid, services: [{ unit: 'dten server' }] }));
    expect(findings.map((finding) => finding.message)).toEqual([
      '$.services[0].unit: "dten server" is not a systemd unit name (letters, digits and _ . @ - with a suffix such as .service)',
    ]);
  });
});
