import { describe, expect, it } from 'vitest';
import { hostJobId, rolloutStepJobId } from '../../src/jobs/job-id.js';
import { HOST_STEPS } from '../../src/jobs/job-names.js';

describe('deterministic job ids', () => {
  it('the same step for the same host, rollout and attempt always gets the same id, which BullMQ accepts', () => {
    const job = { rolloutId: 'r-20240501', hostId: 'web-1', attempt: 1 };
    expect(hostJobId(job, 'install')).toBe('r-20240501-web-1-install-1');
    expect(hostJobId({ ...job }, 'install')).toBe(hostJobId(job, 'install'));
  });

  it('every step and every new attempt gets an id of its own', () => {
    const job = { rolloutId: 'r-20240501', hostId: 'web-1', attempt: 1 };
    const ids = [...HOST_STEPS.map((step) => hostJobId(job, step)), hostJobId({ ...job, attempt: 2 }, 'install')];
    expect(new Set(ids).size).toBe(HOST_STEPS.length + 1);
  });

  it('a rollout step job is numbered by its sequence', () => {
    expect(rolloutStepJobId({ rolloutId: 'r-20240501', sequence: 7 })).toBe('r-20240501-step-7');
  });

  it('an id built from an unchecked value with a colon is refused rather than handed to BullMQ', () => {
    expect(() => hostJobId({ rolloutId: 'r:1', hostId: 'web-1', attempt: 1 }, 'install')).toThrow(
      /may not contain ":"/,
    );
  });
});
