import { createHash, randomBytes } from 'node:crypto';
import type { HostJobData } from '../../src/jobs/host-job-schemas.js';

export const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A fresh DTEN_JOB_KEY per test run, as the control plane and agents would share one. */
export function makeJobKey(): string {
  return randomBytes(32).toString('base64url');
}

/** An install job for `web-1` in rollout `r-20240501`, the way the control plane would build it from a plan. */
export function buildInstallJob(overrides: Partial<HostJobData<'host-install'>> = {}): {
  name: 'host-install';
  data: HostJobData<'host-install'>;
} {
  return {
    name: 'host-install',
    data: {
      rolloutId: 'r-20240501',
      hostId: 'web-1',
      attempt: 1,
      planDigest: sha256Of('plan'),
      package: { version: '4.2.0', sha256: sha256Of('package'), key: 'Full-upgrade-package-dten.zip' },
      window: { start: '2024-05-01T22:00:00.000Z', end: '2024-05-01T23:00:00.000Z' },
      units: [{ unit: 'dten-server.service', renamedFrom: 'dten.service' }],
      configChanges: [{ file: 'config/dten.conf', required: { 'dten.hybrid.enable': true }, removed: ['dten.legacy'] }],
      runMigrations: true,
      ...overrides,
    },
  };
}
