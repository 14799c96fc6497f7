import { describe, expect, it } from 'vitest';
import { describeJobRefusal } from '../../src/jobs/describe-job-refusal.js';
import { signJob } from '../../src/jobs/sign-job.js';
import { verifyJob } from '../../src/jobs/verify-job.js';
import { buildInstallJob, makeJobKey } from './build-host-job.js';

const key = makeJobKey();

/** Signs whatever it is given, as a control plane with a bug (or a stolen key) might. */
function signAnything(name: string, data: Record<string, unknown>): { name: string; data: unknown } {
  return signJob({ name, data } as unknown as Parameters<typeof signJob>[0], key);
}

describe('what a signed job may carry', () => {
  it('a signed job that smuggles a command to run is refused by its schema, naming the field', () => {
    const { data } = buildInstallJob();
    const result = verifyJob(signAnything('host-install', { ...data, command: 'rm -rf /' }), { key, hostId: 'web-1' });
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'schema' } });
    if (result.ok) return;
    expect(describeJobRefusal(result.refusal)).toMatch(/is signed but its payload is not one dten accepts \(.*command/);
  });

  it('a package named both by store key and by URL is refused: the agent must know where the bytes come from', () => {
    const { data } = buildInstallJob();
    const both = { ...data, package: { ...data.package, url: 'https://control.example/p.zip' } };
    expect(verifyJob(signAnything('host-install', both), { key, hostId: 'web-1' })).toMatchObject({
      ok: false,
      refusal: { reason: 'schema' },
    });
  });

  it.each(['../etc/passwd', 'a/b.zip', '.hidden.zip', 'dten..zip'])(
    'a package key %s that could leave the store is refused by the schema',
    (unsafe) => {
      const { data } = buildInstallJob();
      const result = verifyJob(signAnything('host-install', { ...data, package: { ...data.package, key: unsafe } }), {
        key,
        hostId: 'web-1',
      });
      expect(result).toMatchObject({ ok: false, refusal: { reason: 'schema' } });
    },
  );

  it('a host id with a colon, which BullMQ cannot take in a job id, is refused', () => {
    const { data } = buildInstallJob();
    expect(verifyJob(signAnything('host-install', { ...data, hostId: 'web:1' }), { key })).toMatchObject({
      ok: false,
      refusal: { reason: 'schema' },
    });
  });

  it('a window that ends before it starts is refused', () => {
    const { data } = buildInstallJob();
    const window = { start: '2024-05-01T23:00:00Z', end: '2024-05-01T22:00:00Z' };
    expect(verifyJob(signAnything('host-preflight', { ...data, window }), { key })).toMatchObject({
      ok: false,
      refusal: { reason: 'schema' },
    });
  });

  it('a signed job under a name dten does not know is refused by the schema', () => {
    const result = verifyJob(signAnything('host-reboot', buildInstallJob().data), { key, hostId: 'web-1' });
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'schema', jobName: 'host-reboot' } });
  });

  it('signing a job again after its data changed (a step job updating itself) gives a signature that verifies', () => {
    const first = signJob(buildInstallJob(), key);
    const again = signJob({ name: first.name, data: { ...first.data, attempt: 2 } }, key);
    expect(again.data.signature).not.toBe(first.data.signature);
    expect(verifyJob(again, { key, hostId: 'web-1' })).toMatchObject({ ok: true, job: { data: { attempt: 2 } } });
  });
});
