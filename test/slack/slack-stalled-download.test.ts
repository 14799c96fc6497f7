import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN, type UploadedFile } from '../helpers/fake-slack-api.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';
import { sendSigned, SIGNING_SECRET, slashCommandBody } from './slack-requests.js';
import { ALICE_TOKEN, startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

const OPS = 'C0DTENOPS';
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(256 * 1024, 7)]);

let bot: SlackTestBot;
beforeAll(async () => {
  bot = await startSlackTestBot({ downloadTimeouts: { headersTimeoutMs: 300, idleTimeoutMs: 300 } });
});
afterAll(() => bot?.close());

/** Polls what the fake Slack shows until `found` is true; the test timeout bounds it. */
async function until(found: () => boolean): Promise<void> {
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 20));
}

const whispersToAlice = () => bot.api.ephemerals.filter((message) => message.user === 'U-ALICE');

/**
 * Alice shares `name` into the channel, Slack's file host misbehaves on its download as `claims` say, and she types
 * `/dten preflight <name>`: the text of the private answer she sees.
 */
async function preflightShared(name: string, claims: UploadedFile['claims']): Promise<string> {
  await createTestWebClient(bot.api, ALICE_TOKEN).filesUploadV2({ channel_id: OPS, filename: name, file: ZIP });
  const file = bot.api.files.find((shared) => shared.filename === name);
  if (file) file.claims = claims;
  const seen = whispersToAlice().length;
  const command = slashCommandBody(`preflight ${name}`, 'U-ALICE', OPS, `trigger-${name}`);
  expect((await sendSigned(bot.eventsUrl, command)).status).toBe(200);
  await until(() => whispersToAlice().length > seen);
  return whispersToAlice()[seen]!.text;
}

describe('/dten preflight of a shared zip, when Slack stops answering its download', () => {
  it('Slack never answering the download: Alice is told in one line that Slack stopped answering and what to do, and nothing is stored', async () => {
    const answer = await preflightShared('dten-4.2.0.zip', { delayHeadersMs: 60_000 });
    expect(answer).toBe(
      '⚠️ The package dten-4.2.0.zip could not be found or fetched: Slack stopped answering (no answer to the download ' +
        'within 300ms); share it again or try again. Name a package in the store, an https URL, or share the zip in ' +
        'this channel and name it.',
    );
    expect(bot.api.calls.filter((call) => call.method === 'download')).toMatchObject([{ token: FAKE_BOT_TOKEN }]);
    await expect(readdir(bot.packageDir)).resolves.toEqual([]);
  });

  it('the download stalling part-way: Alice is told in one line that Slack stopped answering, and nothing is stored', async () => {
    const answer = await preflightShared('dten-4.2.1.zip', { stallAfterBytes: 64 * 1024 });
    expect(answer).toBe(
      '⚠️ The package dten-4.2.1.zip could not be found or fetched: Slack stopped answering (the download stalled ' +
        'part-way, nothing for 300ms); share it again or try again. Name a package in the store, an https URL, or ' +
        'share the zip in this channel and name it.',
    );
    await expect(readdir(bot.packageDir)).resolves.toEqual([]);
  });

  it('neither answer, nor any log line, carries the bot token or the signing secret', () => {
    const answers = whispersToAlice().map((whisper) => `${whisper.text}\n${JSON.stringify(whisper.blocks)}`);
    expect(answers).toHaveLength(2);
    for (const secret of [FAKE_BOT_TOKEN, SIGNING_SECRET, 'Bearer']) {
      expect(answers.join('\n')).not.toContain(secret);
      expect(bot.logLines.join('\n')).not.toContain(secret);
    }
  });
});
