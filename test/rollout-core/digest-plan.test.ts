import { describe, it, expect } from 'vitest';
import { canonicalJson } from '../../src/core/rollout/canonical-json.js';
import { digestPlan } from '../../src/core/rollout/digest-plan.js';
import type { Plan } from '../../src/core/rollout/plan.js';
import { buildTestPlan } from './build-test-plan.js';

const plan = buildTestPlan();

describe('the digest an approval is bound to', () => {
  it.each<[string, Partial<Plan>]>([
    ['the package', { packageDigest: 'f'.repeat(64) }],
    ['the package version', { packageVersion: '4.2.1' }],
    ['a target', { targets: ['web-01', 'web-02', 'web-03', 'web-04', 'web-06'] }],
    ['the canary', { canary: 2 }],
    ['the batch size', { batch: { kind: 'count', n: 3 } }],
    ['the batch kind', { batch: { kind: 'percent', p: 2 } }],
    ['max errors', { maxErrors: 1 }],
    ['the error budget', { errorBudget: { sloPercent: 99.9, periodDays: 30, sharePercent: 25 } }],
    ['the bake time', { bakeSeconds: 121 }],
    ['the window start', { window: { ...plan.window, start: '2026-03-14T22:01:00.000Z' } }],
    ['the window length', { window: { ...plan.window, durationMinutes: 61 } }],
  ])('when %s changes, the digest changes and the approval no longer applies', (_, change) => {
    expect(digestPlan({ ...plan, ...change })).not.toBe(digestPlan(plan));
  });

  it('when the same plan arrives with its keys in another order, the digest is the same', () => {
    const reordered = JSON.parse(
      `{"window":{"durationMinutes":60,"start":"${plan.window.start}"},"requester":"U-ALICE",` +
        `"bakeSeconds":120,"maxErrors":0,"batch":{"n":2,"kind":"count"},"canary":1,` +
        `"targets":${JSON.stringify(plan.targets)},"packageVersion":"4.2.0","packageDigest":"${plan.packageDigest}"}`,
    ) as Plan;
    expect(digestPlan(reordered)).toBe(digestPlan(plan));
  });

  it('when the window start is written with another offset for the same instant, the digest is the same', () => {
    const shifted = { ...plan, window: { ...plan.window, start: '2026-03-14T23:00:00+01:00' } };
    expect(digestPlan(shifted)).toBe(digestPlan(plan));
  });

  it('when someone else files the same plan, the digest is the same: who asked does not change what runs', () => {
    expect(digestPlan({ ...plan, requester: 'U-BOB' })).toBe(digestPlan(plan));
  });

  it('once digested, a plan cannot be changed in place, so the digest kept for it cannot go stale', () => {
    const digested = buildTestPlan();
    const digest = digestPlan(digested);
    expect(() => {
      (digested as { maxErrors: number }).maxErrors = 3;
    }).toThrow(TypeError);
    expect(() => digested.targets.push('web-99')).toThrow(TypeError);
    expect(digestPlan(digested)).toBe(digest);
    expect(digestPlan({ ...digested, maxErrors: 3 })).not.toBe(digest);
  });

  it('is a sha256 in hex', () => {
    expect(digestPlan(plan)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonical JSON, which job signing reuses', () => {
  it('when objects are nested, every level has its keys sorted and there is no whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 'x y' }], a: { d: true, c: null } })).toBe(
      '{"a":{"c":null,"d":true},"b":[3,{"a":"x y","z":1}]}',
    );
  });

  it('when a member is undefined it is left out, as JSON.stringify does, and a Date becomes its ISO text', () => {
    expect(canonicalJson({ at: new Date('2026-03-14T22:00:00Z'), gone: undefined })).toBe(
      '{"at":"2026-03-14T22:00:00.000Z"}',
    );
  });

  it('sorts keys by UTF-16 code unit, writes an undefined array item as null, and escapes as JSON does', () => {
    expect(canonicalJson({ é: 1, Z: 2, a: [undefined, 'line\nbreak', '\u{1F600}'], '': {} })).toBe(
      '{"":{},"Z":2,"a":[null,"line\\nbreak","\u{1F600}"],"é":1}',
    );
  });

  it.each([NaN, Infinity, 10n, () => 1])('when a value JSON cannot hold (%s) is given, it is refused', (value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });
});
