import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import { APPROVE_ACTION_ID } from '../../src/messages/chat/approval/approval-action-ids.js';
import { approvalRefusalText } from '../../src/messages/chat/commands/approval-refusal-text.js';
import { FAKE_BOT_TOKEN, type FakeMessage, type Revision } from '../helpers/fake-slack-api.js';
import { buttonClickBody, sendSigned, SIGNING_SECRET, slashCommandBody } from './slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

const OPS = 'C0DTENOPS';
const STATUS = 'C0DTENSTATUS';

let bot: SlackTestBot;
beforeAll(async () => {
  bot = await startSlackTestBot({ fleet: 2, env: { DTEN_STATUS_CHANNEL: STATUS, DTEN_APPROVERS: 'U-ALICE,U-BOB' } });
}, 120_000);
afterAll(() => bot?.close(), 120_000);

/** Polls what the fake Slack or the store shows until `found` is true; the test timeout bounds it. */
async function until(found: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await found())) await new Promise((resolve) => setTimeout(resolve, 50));
}

const last = (message: FakeMessage): Revision => message.revisions.at(-1)!;
const whispersTo = (user: string) => bot.api.ephemerals.filter((message) => message.user === user);
const threadOf = (threadTs: string) => bot.api.messages.filter((message) => message.threadTs === threadTs);
const approveButton = (revision: Revision) =>
  JSON.stringify(revision.blocks).includes(`"action_id":"${APPROVE_ACTION_ID}"`);
const buttonValue = (revision: Revision): string =>
  (
    revision.blocks
      .flatMap((block) => ('elements' in block ? (block.elements as { action_id?: string; value?: string }[]) : []))
      .find((element) => element.action_id === APPROVE_ACTION_ID)?.value ?? ''
  ).toString();
const rollouts = (): Promise<Rollout[]> => bot.slack.bot.ctx.control.store.list(10);

describe('a rollout driven from Slack, through signed requests into Bolt, on real local agents', () => {
  it('plan → card refused for a non-approver and the requester → approved by an approver → waves run → done, with rate-limited progress edits through a 429 storm, status updates in order, a replayed click ignored and no secret sent or logged', async () => {
    const plan = 'plan Full-upgrade-package-dten.zip to env=demo canary 1 batch 1';
    expect((await sendSigned(bot.eventsUrl, slashCommandBody(plan, 'U-ALICE', OPS, 'trigger-plan'))).status).toBe(200);

    // The approval card appears in the plan's thread, beside the progress message.
    await until(() => bot.api.messages.some((m) => m.channel === OPS && m.threadTs && approveButton(m.revisions[0]!)));
    const card = bot.api.messages.find((m) => m.channel === OPS && m.threadTs && approveButton(m.revisions[0]!))!;
    const threadTs = card.threadTs!;
    const progress = threadOf(threadTs).find((message) => message !== card)!;
    expect(progress).toBeDefined();
    expect(bot.api.messages.find((message) => message.ts === threadTs)?.channel).toBe(OPS);
    const value = buttonValue(card.revisions[0]!);
    const click = (user: string, trigger: string): string =>
      buttonClickBody({ user, channel: OPS, ts: card.ts, actionId: APPROVE_ACTION_ID, value }, trigger);

    // Mallory is no approver; Alice is one, but she asked for the plan: both are told privately, and the card stays as it was.
    expect((await sendSigned(bot.eventsUrl, click('U-MALLORY', 'trigger-mallory'))).status).toBe(200);
    await until(() => whispersTo('U-MALLORY').length > 0);
    expect(whispersTo('U-MALLORY')[0]?.text).toContain(approvalRefusalText('not-an-approver'));
    expect((await sendSigned(bot.eventsUrl, click('U-ALICE', 'trigger-alice'))).status).toBe(200);
    await until(() => whispersTo('U-ALICE').some((m) => m.text.includes(approvalRefusalText('self-approval'))));
    expect(card.revisions).toHaveLength(1);
    expect((await rollouts())[0]?.approvals).toEqual([]);

    // Bob approves: the card says so and has no buttons left.
    const bobsClick = click('U-BOB', 'trigger-bob');
    expect((await sendSigned(bot.eventsUrl, bobsClick)).status).toBe(200);
    await until(() => card.revisions.length > 1);
    expect(card.revisions).toHaveLength(2);
    expect(last(card).text).toContain('Approved by');
    expect(last(card).text).toContain('U-BOB');
    expect(JSON.stringify(last(card).blocks)).not.toContain('"type":"actions"');

    // A 429 storm on edits while the waves run: the progress message is delayed, its final revision not lost.
    bot.api.failNext('chat.update', { status: 429, retryAfter: 1, times: 3 });
    await until(async () => (await rollouts())[0]?.state === 'done');
    await until(() => /: done,/.test(last(progress).text));
    expect(last(progress).text).toContain('2 of 2 hosts done');
    expect(progress.revisions.length).toBeGreaterThan(1);
    const edits = bot.api.calls.filter((call) => call.method === 'chat.update' && call.args.ts === progress.ts);
    expect(edits.filter((call) => call.status === 429)).toHaveLength(3);
    const gaps = edits.slice(1).map((call, i) => call.at - edits[i]!.at);
    expect(gaps.filter((gap) => gap < 900)).toEqual([]);

    // Support hears scheduled, started and completed, in that order.
    const announced = () => bot.api.messages.filter((message) => message.channel === STATUS);
    await until(() => announced().length >= 3);
    expect(announced().map((message) => message.revisions[0]!.text)).toEqual([
      expect.stringContaining('Planned maintenance'),
      expect.stringContaining('Maintenance started'),
      expect.stringContaining('Maintenance complete'),
    ]);

    // Bob's click delivered again changes nothing: not the card, not the rollout.
    const before = await rollouts();
    const callsBefore = bot.api.calls.filter((call) => call.method !== 'chat.update' || call.args.ts !== progress.ts);
    expect((await sendSigned(bot.eventsUrl, bobsClick)).status).toBe(200);
    await until(() => bot.logLines.some((line) => line.includes('trigger:trigger-bob') && line.includes('ignored')));
    expect(card.revisions).toHaveLength(2);
    expect(await rollouts()).toEqual(before);
    expect(bot.api.calls.filter((call) => call.method !== 'chat.update' || call.args.ts !== progress.ts)).toEqual(
      callsBefore,
    );

    const sent = JSON.stringify(bot.api.calls.map((call) => call.args));
    for (const secret of [FAKE_BOT_TOKEN, SIGNING_SECRET]) {
      expect(bot.logLines.join('\n')).not.toContain(secret);
      expect(sent).not.toContain(secret);
    }
  }, 240_000);

  it('a plan asked for in a channel dten is not in ends at once, and the person is told privately how to fix it', async () => {
    const outside = 'C0NOTINVITED';
    bot.api.removeBotFrom(outside);
    const plan = 'plan Full-upgrade-package-dten.zip to env=demo';
    const body = slashCommandBody(
      plan,
      'U-BOB',
      outside,
      'trigger-outside-plan',
      bot.api.responseUrl(outside, 'U-BOB'),
    );
    expect((await sendSigned(bot.eventsUrl, body)).status).toBe(200);
    await until(() => bot.api.responses.some((response) => response.user === 'U-BOB'));
    expect(bot.api.responses.find((response) => response.user === 'U-BOB')?.text).toContain('/invite @dten');
    await until(async () => (await rollouts()).some((r) => r.plan.requester === 'U-BOB' && r.state === 'failed'));
    const ended = (await rollouts()).find((r) => r.plan.requester === 'U-BOB')!;
    expect(ended.audit.at(-1)).toMatchObject({
      event: 'abort',
      actor: { kind: 'user', id: 'U-BOB' },
      detail: 'the plan message could not be posted in the channel; plan again where dten can post',
    });
    expect(bot.api.messages.filter((message) => message.channel === outside)).toEqual([]);
  }, 120_000);
});
