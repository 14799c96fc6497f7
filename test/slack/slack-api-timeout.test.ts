import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned, slashCommandBody } from './slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

const OPS = 'C0DTENOPS';

let bot: SlackTestBot;
beforeAll(async () => {
  bot = await startSlackTestBot({ apiTimeoutMs: 300 });
});
afterAll(() => bot?.close());

async function until(found: () => boolean): Promise<void> {
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('a Slack Web API call that Slack takes and never answers', () => {
  it('is given up after the API timeout and sent again, so the answer still reaches the person, once', async () => {
    // Without a timeout of its own the call would wait the two minutes until the connection drops (the test's own
    // timeout is one minute).
    bot.api.failNext('chat.postEphemeral', { stallMs: 120_000 });
    const response = await sendSigned(bot.eventsUrl, slashCommandBody('help', 'U-ALICE', OPS, 'trigger-stalled'));
    expect(response.status).toBe(200);
    await until(() => bot.api.ephemerals.some((message) => message.user === 'U-ALICE'));
    expect(bot.api.ephemerals.filter((message) => message.user === 'U-ALICE')).toMatchObject([
      { channel: OPS, text: 'dten commands' },
    ]);
    const calls = bot.api.calls.filter((call) => call.method === 'chat.postEphemeral');
    expect(calls.map((call) => call.status)).toEqual([0, 200]);
  });
});
