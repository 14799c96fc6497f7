import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { openJournal } from '../../src/agent/host/journal.js';
import { runHostJob } from '../../src/agent/run-host-job.js';
import type { HostStepContext } from '../../src/agent/steps/host-step-context.js';
import { installOnHost } from '../../src/agent/steps/install-on-host.js';
import { EXAMPLE_CLEANUP_HOOKS } from '../../src/examples/build-example-scripts.js';
import { HOST_JOB_RESULTS } from '../../src/jobs/host-job-results.js';
import { buildHostFixtures, type HostFixtures } from '../agent-host/build-host-fixtures.js';
import { createSeededHost, fixtureRef } from './fixture-packages.js';

const FLAG = 'hybrid-rollout-guard';
const WINDOW = { start: '2026-03-14T02:00:00.000Z', durationMinutes: 60 };

let fixtures: HostFixtures;
const hosts: { stopAll(): Promise<void> }[] = [];

beforeAll(async () => {
  fixtures = await buildHostFixtures();
});

afterAll(async () => {
  for (const host of hosts) await host.stopAll();
  await fixtures?.remove();
});

/**
 * 4.2.0 installed over 4.1.0, its flag, webhook and credential in place. Each real hook of the release is wrapped:
 * the wrapper appends the item name to `hook-runs` and fails while `fail-<name>` exists, then runs the real hook.
 */
async function newInstalledHost(rolloutId: string): Promise<{ layout: HostLayout; ctx: HostStepContext }> {
  const host = await createSeededHost(fixtures);
  hosts.push(host);
  const { layout, ctx } = host;
  await installOnHost(ctx, { rolloutId, package: fixtureRef(fixtures.ready), window: WINDOW, runMigrations: false });
  for (const hook of Object.values(EXAMPLE_CLEANUP_HOOKS)) {
    const file = join(layout.releaseDir(fixtures.ready.version), hook);
    await rename(file, `${file}.real`);
    const wrapper = [
      '#!/bin/sh',
      'set -eu',
      'echo "$1" >> "$DTEN_ROOT/hook-runs"',
      'if [ -e "$DTEN_ROOT/fail-$1" ]; then echo "cleanup service unreachable for $1" >&2; exit 1; fi',
      'exec "$0.real" "$@"',
      '',
    ].join('\n');
    await writeFile(file, wrapper, { mode: 0o755 });
  }
  return { layout, ctx };
}

function cleanup(ctx: HostStepContext, rolloutId: string, attempt: number) {
  const data = { rolloutId, hostId: 'web-1', attempt, planDigest: 'c'.repeat(64), package: fixtureRef(fixtures.ready) };
  return runHostJob(ctx, { name: 'host-cleanup', data });
}

async function runsOf(layout: HostLayout, name: string): Promise<number> {
  const text = await readFile(join(layout.root, 'hook-runs'), 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line === name).length;
}

function flagItem(results: unknown) {
  return HOST_JOB_RESULTS.cleanup.parse(results).find((item) => item.name === FLAG);
}

describe('a cleanup job retried with a higher attempt', () => {
  it('when the flag hook fails on attempt 1, a redelivery of attempt 1 keeps the failure without running it, and attempt 2 runs it again and removes the flag', async () => {
    const { layout, ctx } = await newInstalledHost('r1');
    await writeFile(join(layout.root, `fail-${FLAG}`), '');

    const first = await cleanup(ctx, 'r1', 1);
    expect(flagItem(first)).toEqual({
      kind: 'feature-flag',
      name: FLAG,
      outcome: 'failed',
      detail: `it exited with code 1; its last output: cleanup service unreachable for ${FLAG}`,
    });
    expect(await readdir(join(layout.configDir, 'flags'))).toContain(FLAG);

    await rm(join(layout.root, `fail-${FLAG}`));
    const redelivered = await cleanup(ctx, 'r1', 1);
    expect(redelivered).toEqual(first);
    expect(await runsOf(layout, FLAG)).toBe(1);

    const second = await cleanup(ctx, 'r1', 2);
    expect(flagItem(second)).toEqual({
      kind: 'feature-flag',
      name: FLAG,
      outcome: 'done',
      detail: `removed feature flag ${FLAG}`,
    });
    expect(await readdir(join(layout.configDir, 'flags'))).not.toContain(FLAG);
    expect(await runsOf(layout, FLAG)).toBe(2);

    const secondAgain = await cleanup(ctx, 'r1', 2);
    expect(secondAgain).toEqual(second);
    expect(await runsOf(layout, FLAG)).toBe(2);
  });

  it('items done on attempt 1 keep their result on attempt 2 and their hooks do not run again', async () => {
    const { layout, ctx } = await newInstalledHost('r2');
    const first = await cleanup(ctx, 'r2', 1);
    const items = HOST_JOB_RESULTS.cleanup.parse(first);
    expect(items.filter((item) => item.outcome !== 'done')).toEqual([]);
    // The attempt stays in the journal: the control plane gets only the fields it reads.
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['detail', 'kind', 'name', 'outcome']);

    const second = await cleanup(ctx, 'r2', 2);
    expect(second).toEqual(first);
    for (const name of [FLAG, 'upgrade-progress-hook', 'migration-runner']) expect(await runsOf(layout, name)).toBe(1);
  });

  it('a failure journaled before attempts were recorded counts as attempt 1: attempt 1 keeps it, attempt 2 runs the hook', async () => {
    const { layout, ctx } = await newInstalledHost('r4');
    const journal = await openJournal(layout, 'r4');
    const step = `cleanup-feature-flag-${FLAG}`;
    await journal.record(step, 'started');
    await journal.record(step, 'done', { kind: 'feature-flag', name: FLAG, outcome: 'failed', detail: 'timed out' });

    expect(flagItem(await cleanup(ctx, 'r4', 1))).toMatchObject({ outcome: 'failed', detail: 'timed out' });
    expect(await runsOf(layout, FLAG)).toBe(0);

    expect(flagItem(await cleanup(ctx, 'r4', 2))).toMatchObject({ outcome: 'done' });
    expect(await runsOf(layout, FLAG)).toBe(1);
    expect(await readdir(join(layout.configDir, 'flags'))).not.toContain(FLAG);
  });
});
