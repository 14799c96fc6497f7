import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/messages/chat/approval/approval-action-ids.js';
import { lastText, OPS_CHANNEL, slackSession, startFleetSlackBot, statusPosts, until } from './slack-session.js';
import type { SlackTestBot } from './start-slack-test-bot.js';

let bot: SlackTestBot;
beforeAll(async () => {
  bot = await startFleetSlackBot();
}, 120_000);
afterAll(() => bot?.close(), 120_000);

const { type, nextWhisper, whispered, latestWhen, click } = slackSession(() => bot, OPS_CHANNEL);
const rollout = async (): Promise<Rollout> => (await bot.slack.bot.ctx.control.store.list(1))[0]!;

describe('the rollout commands from Slack, on real local agents', () => {
  it('hosts, status, pause, resume, window extend, rollback, a refused abort and the cleanup report: each done, audited with the person and said where it belongs', async () => {
    let seen = whispered('U-ALICE');
    await type('hosts');
    const hosts = await nextWhisper('U-ALICE', seen++);
    expect(hosts).toContain('2 hosts');
    expect(hosts).toMatch(/web-1.*web-2/s);
    await type('hosts env=nowhere');
    expect(await nextWhisper('U-ALICE', seen++)).toContain(
      'No host matches env=nowhere. `/dten hosts` lists the hosts and their labels.',
    );

    // A canary, then an hour's bake before the second wave: time for a person to act on a running rollout.
    await type('plan Full-upgrade-package-dten.zip to env=demo window now for 3h canary 1 batch 1 bake 1h');
    const planned = await latestWhen((r) => r.state === 'awaiting-approval' && r.plan.bakeSeconds === 3600);
    const card = await click(planned.id, APPROVE_ACTION_ID, 'U-BOB');
    expect(JSON.stringify(card.revisions[0]!.blocks)).toContain('1h between waves');
    await until(async () => {
      const r = await rollout();
      return r.state === 'running' && r.wave?.finished === true;
    });
    const { id } = await rollout();
    expect((await rollout()).hosts['web-1']?.state).toBe('healthy');
    const notes = () => bot.api.messages.filter((m) => m.threadTs === card.threadTs).map(lastText);

    await type(`pause ${id}`);
    await until(async () => (await rollout()).state === 'paused');
    await until(() => notes().some((text) => text.includes('paused rollout')));

    await type(`window ${id} extend 30m`);
    await until(async () => (await rollout()).window.durationMinutes === 210);
    expect((await rollout()).state).toBe('paused');

    await type(`resume ${id}`);
    await until(async () => (await rollout()).state === 'running');

    await type(`status ${id}`);
    const status = await nextWhisper('U-ALICE', seen++);
    expect(status).toContain('wave 1 of 2');
    // With the audit log: who approved, who paused and resumed, when.
    expect(status).toContain('*Audit log*');
    expect(status).toMatch(/U-BOB: approve → approved — approved plan [0-9a-f]{12}/);
    expect(status).toMatch(/U-ALICE: pause → paused[\s\S]*U-ALICE: resume → running/);
    await type('status');
    expect(await nextWhisper('U-ALICE', seen++)).toContain(id);

    // The canary host goes back to the old version; the other host was never touched.
    await type(`rollback ${id}`);
    await until(async () => (await rollout()).state === 'rolled-back');
    expect((await rollout()).hosts['web-1']?.state).toBe('rolled-back');
    expect((await rollout()).hosts['web-2']?.state).not.toBe('healthy');
    for (const said of ['paused rollout', 'extended the window', 'resumed rollout', 'started rolling back'])
      expect(notes().some((text) => text.includes(said))).toBe(true);
    // Support hears it in plain words, in order, with no host named.
    const announced = () => statusPosts(bot);
    await until(() => announced().length >= 4);
    expect(announced()).toEqual([
      expect.stringContaining('Planned maintenance'),
      expect.stringContaining('Maintenance started'),
      expect.stringMatching(/extended/i),
      expect.stringContaining('Maintenance ended: dten stays on its current version'),
    ]);
    expect(announced()[3]).toContain('Our team decided to stop the upgrade.');
    expect(announced().join('\n')).not.toMatch(/web-\d/);

    // An ended rollout refuses abort, privately and in one sentence that says what to do next.
    await type(`abort ${id}`);
    const refusal = await nextWhisper('U-ALICE', seen++);
    expect(refusal).toContain(`Rollout ${id} is rolled back, so it cannot be aborted now.`);
    expect(refusal).not.toMatch(/\n\s+at /);
    await type(`cleanup ${id}`);
    expect(await nextWhisper('U-ALICE', seen++)).toContain('it has not started');

    // Every command is in the audit log with the person who typed it.
    const byAlice = (await rollout()).audit.filter(
      (entry) => entry.actor.kind === 'user' && entry.actor.id === 'U-ALICE',
    );
    expect(byAlice.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['pause', 'extend-window', 'resume', 'rollback']),
    );
  }, 240_000);
  it('lock freezes an environment for plans and approvals alike, and unlock lifts it; both said in the channel', async () => {
    const channelNotes = () =>
      bot.api.messages.filter((m) => m.channel === OPS_CHANNEL && m.threadTs === undefined).map(lastText);
    // A plan made before the freeze, waiting for its approval.
    await type('plan Full-upgrade-package-dten.zip to env=demo canary 1 batch 1');
    const planned = await latestWhen((r) => r.state === 'awaiting-approval' && r.plan.bakeSeconds === 0);

    await type('lock demo change freeze for the holidays');
    await until(() => channelNotes().some((text) => text.includes('locked `demo`')));
    let alice = whispered('U-ALICE');
    let bob = whispered('U-BOB');
    await type('lock demo mine now', 'U-BOB');
    expect(await nextWhisper('U-BOB', bob++)).toContain('demo is locked by');

    // No new plan for its hosts, and no approval of the plan made before.
    await type('plan Full-upgrade-package-dten.zip to env=demo');
    const refused = await nextWhisper('U-ALICE', alice++);
    expect(refused).toContain('demo is locked by');
    expect(refused).toContain('change freeze for the holidays');
    await click(planned.id, APPROVE_ACTION_ID, 'U-BOB');
    const clickRefused = await nextWhisper('U-BOB', bob++);
    expect(clickRefused).toContain('demo is locked by');
    expect((await bot.slack.bot.ctx.control.store.get(planned.id))?.state).toBe('awaiting-approval');

    await type('unlock demo', 'U-BOB');
    await until(() => channelNotes().some((text) => text.includes('unlocked `demo`')));
    await type('unlock demo');
    expect(await nextWhisper('U-ALICE', alice++)).toContain('`demo` was not locked; nothing changed.');
    expect(await bot.slack.bot.ctx.locks.list()).toEqual([]);

    // Unlocked, its hosts are still the plan's made before the freeze: a host takes one rollout at a time.
    await type('plan Full-upgrade-package-dten.zip to env=demo');
    const busy = await nextWhisper('U-ALICE', alice++);
    expect(busy).toContain(
      `are in rollout ${planned.id} (awaiting approval): a host takes one rollout at a time. Wait until it is over, then try again (\`/dten abort ${planned.id}\` ends it if nobody wants it any more).`,
    );
    expect((await rollout()).id).toBe(planned.id);
    await type('hosts env=demo');
    const hosts = await nextWhisper('U-ALICE', alice++);
    expect(hosts.match(new RegExp(`reporting · in rollout \`${planned.id}\``, 'g'))).toHaveLength(2);
    await type(`abort ${planned.id}`);
    await until(async () => (await bot.slack.bot.ctx.control.store.get(planned.id))?.state === 'failed');
  }, 120_000);
  it('when something breaks on its side, the person gets a sentence with a reference, the log the cause, and neither a stack', async () => {
    const { ctx } = bot.slack.bot;
    const hosts = ctx.hosts;
    ctx.hosts = { list: () => Promise.reject(new Error("READONLY You can't write against a read only replica.")) };
    try {
      const seen = whispered('U-ALICE');
      await type('hosts');
      const answer = await nextWhisper('U-ALICE', seen);
      const ref = /\(ref ([\w-]+)\)/.exec(answer)?.[1];
      expect(ref).toBeDefined();
      expect(answer).toContain('`/dten status` shows whether the command took effect');
      expect(answer).not.toContain('READONLY');
      expect(answer).not.toMatch(/\n\s+at /);
      await until(() => bot.logLines.some((line) => line.includes(ref!) && line.includes('READONLY')));
    } finally {
      ctx.hosts = hosts;
    }
  });

  it('a plan rejected by an approver ends there: the card says who rejected it, no host is touched, nothing stays active', async () => {
    await type('plan Full-upgrade-package-dten.zip to env=demo canary 1 batch 1 bake 5m');
    const { id } = await latestWhen((r) => r.state === 'awaiting-approval' && r.plan.bakeSeconds === 300);
    const card = await click(id, REJECT_ACTION_ID, 'U-BOB');
    await until(() => card.revisions.length > 1);
    expect(lastText(card)).toContain('Rejected');
    expect(JSON.stringify(card.revisions.at(-1)!.blocks)).not.toContain('"type":"actions"');
    await until(async () => (await bot.slack.bot.ctx.control.store.get(id))?.state === 'failed');
    const ended = (await bot.slack.bot.ctx.control.store.get(id))!;
    expect(ended.audit.at(-1)).toMatchObject({
      event: 'abort',
      detail: 'rejected by U-BOB; plan again with what should change',
    });
    expect(Object.values(ended.hosts).map((host) => host.changed)).toEqual([false, false]);
    // The progress message in the plan's thread says why it ended.
    await until(() =>
      bot.api.messages.some((m) => m.threadTs === card.threadTs && lastText(m).includes(`Rollout ${id}: failed`)),
    );
    const progress = bot.api.messages.find(
      (m) => m.threadTs === card.threadTs && lastText(m).includes(`Rollout ${id}`),
    );
    expect(JSON.stringify(progress?.revisions.at(-1)?.blocks)).toContain('🛑 rejected by U-BOB; plan again');
  });
});
