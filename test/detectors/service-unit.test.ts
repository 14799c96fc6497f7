import { describe, it, expect } from 'vitest';
import { manifestSchema, type Manifest } from '../../src/core/manifest/manifest-schema.js';
import { createServiceUnitDetector } from '../../src/preflight/detectors/service-unit/create-service-unit-detector.js';
import { runTextDetector } from './run-text-detector.js';

function manifestWith(extra: Record<string, unknown>): Manifest {
  return manifestSchema.parse({
    name: 'dten',
    version: '5.0.0',
    buildDate: '2025-05-01',
    upgradeFrom: '>=4.2 <5',
    reboot: 'recommended',
    services: [{ unit: 'dten-server.service', renamedFrom: 'dten' }, { unit: 'dten-agent' }],
    ...extra,
  });
}

async function check(files: Record<string, string>, extra: Record<string, unknown> = {}, binaries: string[] = []) {
  return runTextDetector(createServiceUnitDetector, files, { manifest: manifestWith(extra), binaries });
}

describe('service-unit detector', () => {
  it('when a script restarts the unit under its old name, it is a blocker naming the new name and the line', async () => {
    const script = '#!/bin/bash\nset -e\nsystemctl daemon-reload\nsystemctl restart dten.service\n';
    const findings = await check({ 'scripts/postinstall.sh': script });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'blocker',
        rule: 'service-unit/renamed-unit',
        path: 'scripts/postinstall.sh',
        line: 4,
      }),
    ]);
    expect(findings[0]?.message).toBe(
      'This script runs "restart" on dten.service, but the unit was renamed to dten-server.service in version 5.0.0; this script would act on a unit that no longer exists.',
    );
    expect(findings[0]?.remediation).toBe('Replace dten.service with dten-server.service on line 4 before installing.');
  });

  it('when the old name is written without .service or through SysV service, it is still recognised and counted once per file', async () => {
    const script = 'service dten stop\n/etc/init.d/dten start\nsystemctl --no-block enable --now dten\n';
    const findings = await check({ 'scripts/upgrade.sh': script });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 1, rule: 'service-unit/renamed-unit' });
    expect(findings[0]?.message).toContain('(and 2 more times in this file)');
  });

  it('when a unit file requires the old unit, the Requires= line is a blocker', async () => {
    const unit =
      '[Unit]\nDescription=dten worker\nRequires=dten.service\nAfter=network-online.target dten.service\n\n[Service]\nExecStart=/opt/dten/bin/worker\n';
    const findings = await check(
      { 'systemd/dten-worker.service': unit },
      { services: [{ unit: 'dten-server', renamedFrom: 'dten' }, { unit: 'dten-worker' }] },
    );
    expect(findings.map((finding) => [finding.rule, finding.line])).toEqual([['service-unit/renamed-unit', 3]]);
    expect(findings[0]?.message).toContain('This unit names dten.service in Requires=');
    expect(findings[0]?.message).toContain('(and 1 more time in this file)');
  });

  it('when a script restarts a unit the manifest does not declare, it is a warning; declared units and targets are fine', async () => {
    const script =
      'systemctl restart nginx\nsystemctl restart dten-agent.service\nsystemctl isolate multi-user.target\nsystemctl start dten-server\n';
    const findings = await check({ 'scripts/install.sh': script });
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'service-unit/undeclared-unit', line: 1 }),
    ]);
    expect(findings[0]?.message).toBe(
      'This script runs "restart" on nginx.service, which the manifest does not list among its services: the rollout will neither watch it nor roll it back.',
    );
  });

  it('when a PowerShell script stops a Windows service by its old name, it is a blocker too', async () => {
    const findings = await check({ 'scripts/install.ps1': 'Stop-Service -Name dten\nStart-Service dten-server\n' });
    expect(findings.map((finding) => [finding.severity, finding.line])).toEqual([['blocker', 1]]);
  });

  it('when the manifest rollback script uses the old name, it is info, because going back needs it', async () => {
    const findings = await check(
      { 'scripts/rollback.sh': 'systemctl stop dten-server\nsystemctl start dten\n' },
      { scripts: { rollback: './scripts/rollback.sh' } },
    );
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'info', rule: 'service-unit/renamed-unit-in-rollback', line: 2 }),
    ]);
  });

  it('when the package ships unit files the manifest does not declare, each is info, and one with the old name is a warning', async () => {
    const findings = await check(
      {
        'systemd/dten-server.service': '[Service]\nExecStart=/x\n',
        'systemd/dten-export.timer': '[Timer]\nOnCalendar=daily\n',
      },
      {},
      ['systemd/dten.service', 'README.md'],
    );
    expect(findings.map((finding) => [finding.severity, finding.rule, finding.path]).sort()).toEqual([
      ['info', 'service-unit/undeclared-unit-file', 'systemd/dten-export.timer'],
      ['warning', 'service-unit/old-unit-file', 'systemd/dten.service'],
    ]);
  });

  it('when documentation or comments mention the old unit, nothing is reported', async () => {
    const findings = await check({
      'README.md': 'Run `systemctl restart dten` after upgrading.\n',
      'scripts/notes.sh': '# systemctl restart dten (old way)\necho done\n',
    });
    expect(findings).toEqual([]);
  });

  it('when a cron line in a crontab file restarts the old unit, it is found there too', async () => {
    const findings = await check({ 'cron/dten.cron': '0 4 * * * systemctl try-restart dten\n' });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'service-unit/renamed-unit', path: 'cron/dten.cron', line: 1 }),
    ]);
  });

  it('when a script uses a variable for the unit, no unit is invented', async () => {
    expect(await check({ 'scripts/x.sh': 'systemctl restart "$UNIT"\nsystemctl restart ${SERVICE}\n' })).toEqual([]);
  });
});
