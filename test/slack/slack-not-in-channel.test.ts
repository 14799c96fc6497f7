import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors/user-error.js';
import { APPROVE_ACTION_ID } from '../../src/messages/chat/approval/approval-action-ids.js';
import { problemMessage } from '../../src/messages/chat/commands/problem-message.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import { buttonClickBody, sendSigned, slashCommandBody } from './slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

const OPS = 'C0DTENOPS';
/** A channel dten was never invited to. */
const OUTSIDE = 'C0NOTINVITED';
const PACKAGE = 'dten-4.2.0.zip';

let bot: SlackTestBot;
let packageDir: string;
beforeAll(async () => {
  packageDir = await mkdtemp(join(tmpdir(), 'dten-not-in-channel-'));
  await writeFile(join(packageDir, PACKAGE), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(512, 1)]));
  bot = await startSlackTestBot({ env: { DTEN_PACKAGE_DIR: packageDir } });
  bot.api.removeBotFrom(OUTSIDE);
});
afterAll(async () => {
  await bot?.close();
  await rm(packageDir, { recursive: true, force: true });
});

/** Polls what the fake Slack or the log shows until `found` is true; the test timeout bounds it. */
async function until(found: () => boolean): Promise<void> {
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** `/dten <text>` as Slack sends it, with a response_url the fake Slack answers. */
function command(text: string, user: string, channel: string, triggerId: string): Promise<Response> {
  return sendSigned(
    bot.eventsUrl,
    slashCommandBody(text, user, channel, triggerId, bot.api.responseUrl(channel, user)),
  );
}

const responsesTo = (user: string) => bot.api.responses.filter((response) => response.user === user);
const refusedCalls = (method: string, channel: string) =>
  bot.api.calls.filter((call) => call.method === method && call.args.channel === channel && !call.answer.ok);

describe('answering a person in a channel dten is not in', () => {
  it("when dten was never invited to the channel, /dten help still reaches the person, privately, through the command's response_url", async () => {
    expect((await command('help', 'U-ALICE', OUTSIDE, 'trigger-outside-help')).status).toBe(200);
    await until(() => responsesTo('U-ALICE').length > 0);
    expect(responsesTo('U-ALICE')).toMatchObject([
      { channel: OUTSIDE, responseType: 'ephemeral', replaceOriginal: false, text: 'dten commands' },
    ]);
    expect(refusedCalls('chat.postEphemeral', OUTSIDE)).toMatchObject([{ answer: { error: 'not_in_channel' } }]);
  });

  it('a mistyped command there is answered the same way, with what was wrong and what to type', async () => {
    expect((await command('preflihgt', 'U-MALLORY', OUTSIDE, 'trigger-outside-typo')).status).toBe(200);
    await until(() => responsesTo('U-MALLORY').length > 0);
    const answer = responsesTo('U-MALLORY')[0];
    expect(answer?.responseType).toBe('ephemeral');
    expect(answer?.text).toContain('`preflihgt` is not a dten command');
    expect(answer?.text).toContain('/dten preflight');
  });

  it('in a channel dten is in, the answer is a chat.postEphemeral as before and the response_url is left unused', async () => {
    expect((await command('help', 'U-BOB', OPS, 'trigger-inside-help')).status).toBe(200);
    await until(() => bot.api.ephemerals.some((message) => message.user === 'U-BOB'));
    expect(bot.api.ephemerals.filter((message) => message.user === 'U-BOB')).toMatchObject([
      { channel: OPS, text: 'dten commands' },
    ]);
    expect(responsesTo('U-BOB')).toEqual([]);
  });

  it('when a preflight report cannot be posted there, the person is told privately to invite @dten, and nothing is posted', async () => {
    const user = 'U-ALICE';
    const before = responsesTo(user).length;
    expect((await command(`preflight ${PACKAGE}`, user, OUTSIDE, 'trigger-outside-preflight')).status).toBe(200);
    await until(() => responsesTo(user).length > before);
    const told = problemMessage(describeUserError(new UserError('not-in-channel', { channel: OUTSIDE }))).text;
    expect(responsesTo(user).slice(before)).toMatchObject([
      { channel: OUTSIDE, responseType: 'ephemeral', text: told },
    ]);
    expect(told).toContain(`<#${OUTSIDE}>`);
    expect(told).toContain('/invite @dten');
    expect(refusedCalls('chat.postMessage', OUTSIDE)).toMatchObject([{ answer: { error: 'not_in_channel' } }]);
    expect(bot.api.messages.filter((message) => message.channel === OUTSIDE)).toEqual([]);
  });

  it('a lock asked for there is not kept, since nobody could see it set, and the person is told privately', async () => {
    const user = 'U-DAVE';
    expect((await command('lock prod release freeze', user, OUTSIDE, 'trigger-outside-lock')).status).toBe(200);
    await until(() => responsesTo(user).length > 0);
    expect(responsesTo(user)[0]?.text).toContain('/invite @dten');
    expect(await bot.slack.bot.ctx.locks.list()).toEqual([]);
  });

  it("a refused Approve click on a card in a channel dten has left reaches the clicker through the click's response_url, and the card stays", async () => {
    const value = JSON.stringify({ rolloutId: 'r-missing', digest: 'a'.repeat(64) });
    const click = { user: 'U-BOB', channel: OUTSIDE, ts: '1700000000.000100', actionId: APPROVE_ACTION_ID, value };
    const responseUrl = bot.api.responseUrl(OUTSIDE, 'U-BOB');
    const response = await sendSigned(
      bot.eventsUrl,
      buttonClickBody({ ...click, responseUrl }, 'trigger-outside-click'),
    );
    expect(response.status).toBe(200);
    await until(() => responsesTo('U-BOB').length > 0);
    const answer = describeUserError(new UserError('rollout-not-found', { id: 'r-missing' }));
    expect(responsesTo('U-BOB')).toMatchObject([
      { channel: OUTSIDE, responseType: 'ephemeral', replaceOriginal: false },
    ]);
    expect(responsesTo('U-BOB')[0]?.text).toContain(answer);
  });

  it("when the response_url fails too, dten logs a warning that does not carry the answer's words", async () => {
    const expired = new URL('/respond/R0EXPIRED', bot.api.url).toString();
    const body = slashCommandBody('help', 'U-CAROL', OUTSIDE, 'trigger-outside-expired', expired);
    expect((await sendSigned(bot.eventsUrl, body)).status).toBe(200);
    const warned = () =>
      bot.logLines.filter((line) => line.includes('could not answer privately through the response_url'));
    await until(() => warned().length > 0);
    expect(warned()).toHaveLength(1);
    expect(warned()[0]).toContain('"level":40');
    expect(warned()[0]).toContain('U-CAROL');
    expect(warned()[0]).not.toContain('dten commands');
    expect(warned()[0]).not.toContain('/dten preflight');
    expect(bot.api.calls.filter((call) => call.method === 'response_url' && call.status === 404)).toHaveLength(1);
    expect(responsesTo('U-CAROL')).toEqual([]);
  });
});
