import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPrefix } from '../bullmq/redis-test.js';
import { sendSigned, slashCommandBody } from './slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

const OPS = 'C0DTENOPS';

/** Polls what the fake Slack or the log shows until `found` is true; the test timeout bounds it. */
async function until(found: () => boolean): Promise<void> {
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const whispersTo = (bot: SlackTestBot, user: string) => bot.api.ephemerals.filter((message) => message.user === user);
const ignored = (bot: SlackTestBot, id: string) =>
  bot.logLines.some((line) => line.includes(id) && line.includes('ignored a repeated Slack delivery'));

describe('two replicas of the Slack bot behind one load balancer, sharing one Redis', () => {
  let replicaA: SlackTestBot;
  let replicaB: SlackTestBot;
  beforeAll(async () => {
    const prefix = freshPrefix();
    replicaA = await startSlackTestBot({ prefix });
    replicaB = await startSlackTestBot({ prefix });
  });
  afterAll(async () => {
    await replicaB?.close();
    await replicaA?.close();
  });

  it('when Slack retries a slash command and the retry lands on the other replica, that replica acknowledges it and does nothing', async () => {
    const body = slashCommandBody('help', 'U-ALICE', OPS, 'trigger-replicated-help');
    expect((await sendSigned(replicaA.eventsUrl, body)).status).toBe(200);
    const retry = await sendSigned(replicaB.eventsUrl, body, { headers: { 'x-slack-retry-num': '1' } });
    expect(retry.status).toBe(200);
    await until(() => ignored(replicaB, 'trigger-replicated-help'));
    await until(() => whispersTo(replicaA, 'U-ALICE').length > 0);
    expect(whispersTo(replicaA, 'U-ALICE')).toMatchObject([{ channel: OPS, text: 'dten commands' }]);
    expect(whispersTo(replicaB, 'U-ALICE')).toEqual([]);
  });

  it('a different command on the other replica is handled there', async () => {
    const body = slashCommandBody('help', 'U-BOB', OPS, 'trigger-replicated-other');
    expect((await sendSigned(replicaB.eventsUrl, body)).status).toBe(200);
    await until(() => whispersTo(replicaB, 'U-BOB').length > 0);
    expect(ignored(replicaB, 'trigger-replicated-other')).toBe(false);
  });
});

describe('a Slack bot whose Redis is unreachable when a command arrives', () => {
  let bot: SlackTestBot;
  beforeAll(async () => {
    bot = await startSlackTestBot();
  });
  afterAll(() => bot?.close());

  it('handles the command anyway, since twice is better than never, and logs a warning', async () => {
    bot.slack.bot.redis.disconnect();
    const body = slashCommandBody('help', 'U-ALICE', OPS, 'trigger-redis-away');
    expect((await sendSigned(bot.eventsUrl, body)).status).toBe(200);
    await until(() => whispersTo(bot, 'U-ALICE').length > 0);
    const warning = bot.logLines.find((line) => line.includes('could not check whether a Slack delivery is repeated'));
    expect(warning).toContain('"level":40');
    expect(warning).toContain('trigger-redis-away');
  });
});
