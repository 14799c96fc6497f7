import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRollout } from '../../src/core/rollout/create-rollout.js';
import { planWaves } from '../../src/core/rollout/plan-waves.js';
import { recordHostState } from '../../src/core/rollout/record-host-state.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { transition } from '../../src/core/rollout/transition.js';
import { buildStatusVariables } from '../../src/messages/chat/status/build-status-variables.js';
import { loadStatusTemplates, shippedKindsUsed } from '../../src/messages/chat/status/load-status-templates.js';
import { renderStatusUpdate } from '../../src/messages/chat/status/render-status-update.js';
import { SHIPPED_STATUS_TEMPLATES } from '../../src/messages/chat/status/shipped-status-templates.js';
import { STATUS_KINDS, type StatusKind } from '../../src/messages/chat/status/status-placeholders.js';
import { STATUS_REASONS } from '../../src/messages/chat/status/status-reasons.js';
import type { StatusTemplates } from '../../src/messages/chat/status/status-template.js';
import { StatusTemplateError } from '../../src/messages/chat/status/status-template-error.js';
import { alice, at, bob, buildChatPlan, controlPlane } from './chat-fixtures.js';

const context = (minutes: number) => ({ product: 'dten', now: at(minutes) });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dten-status-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A rollout of 20 hosts driven through the core to the window opening, its first wave failing on named hosts. */
function startedRollout(): Rollout {
  const plan = buildChatPlan({ maxErrors: 1 }, 20);
  const steps = ['preflight-passed', 'request-approval', 'approve', 'schedule'] as const;
  let rollout = steps.reduce((r, event) => transition(r, event, bob, at(-60)), createRollout('rollout-7', plan));
  rollout = transition(rollout, 'window-opened', controlPlane, at(0));
  rollout = transition(rollout, { name: 'wave-started', wave: 0 }, controlPlane, at(1));
  const [canary = ''] = planWaves(plan)[0] ?? [];
  return recordHostState(rollout, canary, 'failed', `${canary} did not answer its health check`);
}

function render(templates: StatusTemplates, kind: StatusKind, rollout: Rollout, minutes: number): string {
  return renderStatusUpdate(templates[kind], buildStatusVariables(rollout, kind, context(minutes)));
}

async function refusal(promise: Promise<unknown>): Promise<StatusTemplateError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatusTemplateError) return error as StatusTemplateError;
    throw error;
  }
  throw new Error('the templates were accepted');
}

describe('status-channel updates from the shipped templates', () => {
  it('when a rollout is scheduled and then starts, support reads the product, version and window in UTC', async () => {
    const templates = await loadStatusTemplates();
    const rollout = startedRollout();
    const scheduled = render(templates, 'scheduled', rollout, -60);
    expect(scheduled).toContain('*Planned maintenance: dten upgrade to version 4.2.0*');
    expect(scheduled).toContain('on 2026-03-14 22:00 UTC. The work is planned to take up to 1h');
    expect(scheduled).toContain('finished by 2026-03-14 23:00 UTC');
    expect(render(templates, 'started', rollout, 0)).toContain('We expect to finish by 2026-03-14 23:00 UTC.');
  });

  it('when the window is extended by 30 minutes, the update gives the new end, the planned one and the reason', async () => {
    const templates = await loadStatusTemplates();
    const extended = transition(startedRollout(), { name: 'extend-window', minutes: 30 }, alice, at(50));
    const text = render(templates, 'extended', extended, 50);
    expect(text).toContain('now ends at 2026-03-14 23:30 UTC instead of 2026-03-14 23:00 UTC.');
    expect(text).toContain(STATUS_REASONS['more-time-needed']);
  });

  it('when the rollout completes after 48 minutes, the update says how long it took', async () => {
    const templates = await loadStatusTemplates();
    expect(render(templates, 'completed', startedRollout(), 48.2)).toContain('The upgrade is finished; it took 48m.');
    expect(render(templates, 'completed', startedRollout(), 0.05)).toContain(
      'The upgrade is finished; it took less than a minute.',
    );
  });

  it('when failed hosts exceed the threshold and the rollout is rolled back, the reason is the failed checks, in plain words', async () => {
    const templates = await loadStatusTemplates();
    let rollout = startedRollout();
    rollout = transition(rollout, 'threshold-exceeded', controlPlane, at(9));
    rollout = transition(rollout, 'rollback-finished', controlPlane, at(15));
    const text = render(templates, 'rolled-back', rollout, 15);
    expect(text).toContain('put back the version that ran before, after 15m.');
    expect(text).toContain(STATUS_REASONS['checks-failed']);
  });

  it('when a rollback that failed on a host is run again by a person, the reason is still what started it', () => {
    let rollout = transition(startedRollout(), 'threshold-exceeded', controlPlane, at(9));
    rollout = transition(rollout, 'rollback-failed', controlPlane, at(12));
    rollout = transition(rollout, 'rollback', alice, at(40));
    rollout = transition(rollout, 'rollback-finished', controlPlane, at(45));
    expect(buildStatusVariables(rollout, 'rolled-back', context(45)).reason).toBe(STATUS_REASONS['checks-failed']);
  });

  it('when undoing the upgrade fails on a host, support hears that engineers are on it and why it was stopped', async () => {
    const templates = await loadStatusTemplates();
    let rollout = transition(startedRollout(), 'threshold-exceeded', controlPlane, at(9));
    rollout = transition(rollout, 'rollback-failed', controlPlane, at(12));
    const text = render(templates, 'interrupted', rollout, 12);
    expect(text).toContain('*Maintenance update: our engineers are still working on dten*');
    expect(text).toContain('The upgrade of dten to version 4.2.0 did not finish as planned');
    expect(text).toContain(STATUS_REASONS['checks-failed']);
    expect(text).toContain('We will post here as soon as it is resolved.');
  });

  it('when a person lets the servers a failed rollback left go, support reads that the work is finished', async () => {
    const templates = await loadStatusTemplates();
    let rollout = transition(startedRollout(), 'threshold-exceeded', controlPlane, at(9));
    rollout = transition(rollout, 'rollback-failed', controlPlane, at(12));
    rollout = transition(rollout, 'let-hosts-go', alice, at(95));
    const text = render(templates, 'resolved', rollout, 95);
    expect(text).toContain('*Maintenance ended: dten*');
    expect(text).toContain('that the interrupted upgrade to version 4.2.0 needed, after 1h 35m.');
  });

  it('when the monitoring blip spent more error budget than allowed, the reason is the error rate, not failed checks', () => {
    const rollout = transition(startedRollout(), 'budget-exceeded', controlPlane, at(9));
    const rolledBack = transition(rollout, 'rollback-finished', controlPlane, at(15));
    expect(buildStatusVariables(rolledBack, 'rolled-back', context(15)).reason).toBe(STATUS_REASONS['error-rate']);
  });

  it('when someone in the team rolls back by command, the reason says the team stopped it', () => {
    const rollout = transition(startedRollout(), 'rollback', alice, at(5));
    expect(buildStatusVariables(rollout, 'rolled-back', context(9)).reason).toBe(STATUS_REASONS['stopped-by-team']);
  });

  it('never names an internal host, in any update, even when a host failed with its name in the reason', async () => {
    const templates = await loadStatusTemplates();
    const rollout = transition(startedRollout(), 'threshold-exceeded', controlPlane, at(9));
    expect(Object.values(rollout.hosts).some((host) => host.reason?.includes('.corp.internal'))).toBe(true);
    for (const kind of STATUS_KINDS) {
      const values = Object.values(buildStatusVariables(rollout, kind, context(9)));
      const text = render(templates, kind, rollout, 9);
      for (const host of rollout.plan.targets) {
        expect(values.some((value) => value.includes(host))).toBe(false);
        expect(text.includes(host), `${kind} names ${host}`).toBe(false);
      }
      expect(text).not.toContain('corp.internal');
      expect(text).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('a product name with chat markup is shown escaped, while the template’s own bold stays', async () => {
    const templates = await loadStatusTemplates();
    const variables = buildStatusVariables(startedRollout(), 'started', {
      product: '<!channel> dten_pro _x_',
      now: at(0),
    });
    const text = renderStatusUpdate(templates.started, variables);
    expect(text).toMatch(/^\*Maintenance started: &lt;!channel&gt; dten_pro ˍxˍ upgrade to version 4\.2\.0\*/);
  });
});

describe('an organisation’s own status templates', () => {
  it('when the override folder has its own completed.md in Markdown, that one is used in Slack’s markup and the others are the shipped ones', async () => {
    await writeFile(
      join(dir, 'completed.md'),
      '**Done:** {{ product }} {{version}} is ~~coming~~ live after {{duration}}.\n',
    );
    const templates = await loadStatusTemplates(dir);
    expect(templates.completed.file).toBe(join(dir, 'completed.md'));
    expect(templates.started.file).toBe(join(SHIPPED_STATUS_TEMPLATES, 'started.md'));
    expect(render(templates, 'completed', startedRollout(), 30)).toBe('*Done:* dten 4.2.0 is ~coming~ live after 30m.');
  });

  it('says which updates an organisation’s folder has no file for, so the bot can warn that the shipped words go out', async () => {
    for (const kind of STATUS_KINDS.filter((k) => k !== 'resolved' && k !== 'interrupted'))
      await writeFile(join(dir, `${kind}.md`), `**{{product}}** ${kind}\n`);
    expect(shippedKindsUsed(await loadStatusTemplates(dir))).toEqual(['interrupted', 'resolved']);
    expect(shippedKindsUsed(await loadStatusTemplates())).toEqual([...STATUS_KINDS]);
  });

  it('when a template asks for a host name, it is refused with one line naming the file, the line and the placeholder', async () => {
    await writeFile(join(dir, 'started.md'), '*Started*\nWe begin with {{host}} at {{window.start}}.\n');
    const error = await refusal(loadStatusTemplates(dir));
    expect(error.code).toBe('unknown-placeholder');
    expect(error.message).toBe(
      `status template ${join(dir, 'started.md')}:2: unknown placeholder {{host}}; this template can use {{product}}, {{version}}, {{window.start}}, {{window.end}}, {{window.duration}}.`,
    );
    expect(error.message).not.toContain('\n');
  });

  it('when a placeholder only another update knows is used, it is refused for that template', async () => {
    await writeFile(join(dir, 'scheduled.md'), 'Planned for {{window.start}} because {{reason}}.\n');
    const error = await refusal(loadStatusTemplates(dir));
    expect(error.params).toMatchObject({ file: join(dir, 'scheduled.md'), line: 1, placeholder: 'reason' });
  });

  it('when a placeholder is left open, the file and line are named', async () => {
    await writeFile(join(dir, 'extended.md'), 'Extended.\nNow ends {{window.newEnd} instead of {{window.end}}.\n');
    const error = await refusal(loadStatusTemplates(dir));
    expect(error.message).toBe(
      `status template ${join(dir, 'extended.md')}:2: a placeholder opens with {{ but does not close with }} on the same line.`,
    );
  });

  it('when a file is misnamed, it is refused instead of being silently ignored; a README is left alone', async () => {
    await writeFile(join(dir, 'README.md'), 'Our wording, reviewed by legal.\n');
    await writeFile(join(dir, 'rolledback.md'), 'Rolled back.\n');
    const error = await refusal(loadStatusTemplates(dir));
    expect(error.message).toBe(
      `status template ${join(dir, 'rolledback.md')}: dten sends no status update of that name; name the file one of scheduled.md, started.md, extended.md, completed.md, rolled-back.md, interrupted.md, resolved.md.`,
    );
  });

  it('when a template is empty, or the folder does not exist, it says so', async () => {
    await writeFile(join(dir, 'completed.md'), '  \n');
    expect((await refusal(loadStatusTemplates(dir))).code).toBe('empty-template');
    const missing = join(dir, 'no-such-folder');
    const error = await refusal(loadStatusTemplates(missing));
    expect(error.message).toBe(
      `status templates: ${missing} could not be read (ENOENT); check that it exists and that dten may read it.`,
    );
  });

  it('when the shipped folder lacks a template, the missing file is named', async () => {
    const shipped = join(dir, 'shipped');
    await mkdir(shipped);
    for (const kind of STATUS_KINDS.filter((k) => k !== 'extended')) {
      await writeFile(join(shipped, `${kind}.md`), '{{product}} {{version}}\n');
    }
    const error = await refusal(loadStatusTemplates(undefined, shipped));
    expect(error.params).toEqual({ file: join(shipped, 'extended.md') });
  });
});
