import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors/user-error.js';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/messages/chat/approval/approval-action-ids.js';
import { approvalRefusalText } from '../../src/messages/chat/commands/approval-refusal-text.js';
import { commandReceivedText } from '../../src/messages/chat/slack/command-received-text.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import { FAKE_BOT_TOKEN } from '../helpers/fake-slack-api.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';
import { buttonClickBody, homeOpenedBody, sendSigned, SIGNING_SECRET, slashCommandBody } from './slack-requests.js';
import { ALICE_TOKEN, startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

const OPS = 'C0DTENOPS';
const DIGEST = 'a'.repeat(64);

let bot: SlackTestBot;
beforeAll(async () => {
  bot = await startSlackTestBot();
});
afterAll(() => bot?.close());

/** Polls what the fake Slack or the log shows until `found` is true; the test timeout bounds it. */
async function until(found: () => boolean): Promise<void> {
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const whispersTo = (user: string) => bot.api.ephemerals.filter((message) => message.user === user);
const ignoredDelivery = (id: string) => bot.logLines.some((line) => line.includes(id) && line.includes('ignored'));

describe('Slack requests into the bot over HTTP', () => {
  it('a slash command is acknowledged while its work still waits on Slack, and the answer follows', async () => {
    const release = bot.api.hold('chat.postEphemeral');
    const response = await sendSigned(bot.eventsUrl, slashCommandBody('help', 'U-ALICE', OPS, 'trigger-help-1'));
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ response_type: 'ephemeral', text: commandReceivedText() });
    // The answer has not been delivered: the acknowledgement did not wait for the work.
    expect(whispersTo('U-ALICE')).toEqual([]);
    release();
    await until(() => whispersTo('U-ALICE').length > 0);
    expect(whispersTo('U-ALICE')).toMatchObject([{ channel: OPS, text: 'dten commands' }]);
  });

  it('a request with a bad signature is refused with 401 and nothing runs', async () => {
    const response = await sendSigned(bot.eventsUrl, slashCommandBody('help', 'U-MALLORY', OPS, 'trigger-forged'), {
      secret: 'not-the-signing-secret-0123456789',
    });
    expect(response.status).toBe(401);
    const replayed = await sendSigned(bot.eventsUrl, slashCommandBody('help', 'U-MALLORY', OPS, 'trigger-old'), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(replayed.status).toBe(401);
    const unsigned = await fetch(bot.eventsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: slashCommandBody('help', 'U-MALLORY', OPS, 'trigger-unsigned'),
    });
    expect(unsigned.status).toBe(401);
    expect(whispersTo('U-MALLORY')).toEqual([]);
  });

  it('when Slack retries a slash command it already delivered, the retry is acknowledged and ignored', async () => {
    const body = slashCommandBody('help', 'U-BOB', OPS, 'trigger-help-retried');
    expect((await sendSigned(bot.eventsUrl, body)).status).toBe(200);
    await until(() => whispersTo('U-BOB').length > 0);
    const retry = await sendSigned(bot.eventsUrl, body, { headers: { 'x-slack-retry-num': '1' } });
    expect(retry.status).toBe(200);
    await until(() => ignoredDelivery('trigger-help-retried'));
    expect(whispersTo('U-BOB')).toHaveLength(1);
  });

  it('an Approve click reaches the command layer, which answers the clicker privately', async () => {
    const click = { user: 'U-BOB', channel: OPS, ts: '1700000000.000100', actionId: APPROVE_ACTION_ID };
    const value = JSON.stringify({ rolloutId: 'r-missing', digest: DIGEST });
    const response = await sendSigned(bot.eventsUrl, buttonClickBody({ ...click, value }, 'trigger-click-1'));
    expect(response.status).toBe(200);
    const answer = describeUserError(new UserError('rollout-not-found', { id: 'r-missing' }));
    await until(() => whispersTo('U-BOB').some((message) => message.text.includes(answer)));
  });

  it('a Reject click whose value is not one of ours changes nothing and says so to the clicker', async () => {
    const click = { user: 'U-MALLORY', channel: OPS, ts: '1700000000.000100', actionId: REJECT_ACTION_ID };
    const response = await sendSigned(bot.eventsUrl, buttonClickBody({ ...click, value: 'forged' }, 'trigger-click-2'));
    expect(response.status).toBe(200);
    await until(() => whispersTo('U-MALLORY').length > 0);
    expect(whispersTo('U-MALLORY')[0]?.text).toContain(approvalRefusalText('unknown-button'));
  });

  it('opening the Home tab publishes the rollouts view; a retried delivery of that event publishes nothing more', async () => {
    const body = homeOpenedBody('U-ALICE', 'Ev0HOME1');
    const json = { contentType: 'application/json' };
    expect((await sendSigned(bot.eventsUrl, body, json)).status).toBe(200);
    await until(() => bot.api.views.length > 0);
    expect(bot.api.views).toMatchObject([{ userId: 'U-ALICE', view: { type: 'home' } }]);
    const retry = await sendSigned(bot.eventsUrl, body, { ...json, headers: { 'x-slack-retry-num': '1' } });
    expect(retry.status).toBe(200);
    await until(() => ignoredDelivery('Ev0HOME1'));
    expect(bot.api.views).toHaveLength(1);
  });

  it('a zip the user shared in the channel and names in /dten preflight is downloaded with the bot token and checked', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(512, 1)]);
    await createTestWebClient(bot.api, ALICE_TOKEN).filesUploadV2({
      channel_id: OPS,
      filename: 'dten-4.2.0.zip',
      file: zip,
    });
    const command = slashCommandBody('preflight dten-4.2.0.zip', 'U-ALICE', OPS, 'trigger-preflight-1');
    expect((await sendSigned(bot.eventsUrl, command)).status).toBe(200);
    const report = () =>
      bot.api.messages.find((m) => m.channel === OPS && m.revisions[0]?.text.includes('dten-4.2.0.zip'));
    await until(() => report() !== undefined);
    expect(bot.api.calls.filter((call) => call.method === 'download')).toMatchObject([{ token: FAKE_BOT_TOKEN }]);
  });

  it('no log line and no message sent to Slack carries the bot token or the signing secret', () => {
    const sent = JSON.stringify(bot.api.calls.map((call) => call.args));
    for (const secret of [FAKE_BOT_TOKEN, SIGNING_SECRET]) {
      expect(bot.logLines.join('\n')).not.toContain(secret);
      expect(sent).not.toContain(secret);
    }
    expect(bot.logLines.length).toBeGreaterThan(0);
  });
});
