import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import type { SlackMessage } from '../../src/messages/block-kit/slack-message.js';
import { createBoltLogger } from '../../src/slack/create-bolt-logger.js';
import { createSlackSurface } from '../../src/slack/create-slack-surface.js';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';

const OPS = 'C0DTENOPS';

function progress(done: number): SlackMessage {
  const text = `${done}/1000 hosts upgraded`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${text}*` } }] };
}

/** A client like the bot's edit client: a 429 is thrown at once with its Retry-After instead of waited out. */
function rejectingClient(api: FakeSlackApi): webApi.WebClient {
  return new webApi.WebClient(FAKE_BOT_TOKEN, {
    slackApiUrl: api.url,
    logger: createBoltLogger(pino({ level: 'silent' })),
    rejectRateLimitedCalls: true,
  });
}

const updatesOf = (api: FakeSlackApi) => api.calls.filter((call) => call.method === 'chat.update');

let api: FakeSlackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the Slack chat surface', () => {
  it('posts in a thread, edits in place, whispers, attaches files and publishes the Home tab through the Web API', async () => {
    api = await startFakeSlackApi({ users: { 'U-ALICE': { name: 'alice' } } });
    const surface = createSlackSurface(createTestWebClient(api));
    const root = await surface.post(OPS, progress(0));
    const ref = await surface.post(OPS, progress(1), { threadTs: root.ts });
    await surface.update(ref, progress(2));
    await surface.whisper(OPS, 'U-ALICE', { text: 'only you', blocks: [] });
    await surface.upload(OPS, [{ filename: 'report.json', title: 'Report', content: '{"verdict":"pass"}' }], {
      threadTs: root.ts,
      comment: 'The full report',
    });
    await surface.publishHome('U-ALICE', progress(3).blocks);

    expect(api.messages.map((m) => [m.ts, m.threadTs])).toEqual([
      [root.ts, undefined],
      [ref.ts, root.ts],
    ]);
    expect(api.revisions(OPS, ref.ts)).toEqual([progress(1), progress(2)]);
    expect(api.ephemerals).toMatchObject([{ channel: OPS, user: 'U-ALICE', text: 'only you' }]);
    expect(api.files).toMatchObject([
      {
        filename: 'report.json',
        title: 'Report',
        channelId: OPS,
        threadTs: root.ts,
        initialComment: 'The full report',
      },
    ]);
    expect(api.files[0]?.content?.toString()).toBe('{"verdict":"pass"}');
    expect(api.views).toMatchObject([{ userId: 'U-ALICE', view: { type: 'home', blocks: progress(3).blocks } }]);
  });

  it('when a rollout of 1,000 hosts reports every host, the message is edited a few times and ends on the last count', async () => {
    api = await startFakeSlackApi();
    const surface = createSlackSurface(createTestWebClient(api));
    const ref = await surface.post(OPS, progress(0));
    const started = Date.now();
    const edits: Promise<void>[] = [];
    for (let done = 1; done <= 1000; done += 1) {
      edits.push(surface.update(ref, progress(done)));
      if (done % 250 === 0) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await Promise.all(edits);
    const elapsedSeconds = (Date.now() - started) / 1000;
    // At most one edit a second (plus the first, which goes at once).
    expect(updatesOf(api).length).toBeLessThanOrEqual(1 + Math.ceil(elapsedSeconds));
    expect(updatesOf(api).length).toBeLessThan(10);
    expect(api.revisions(OPS, ref.ts).at(-1)).toEqual(progress(1000));
  });

  it('during a 429 storm on chat.update, WebClient waits out Retry-After and the final revision still lands', async () => {
    api = await startFakeSlackApi();
    const surface = createSlackSurface(createTestWebClient(api));
    const ref = await surface.post(OPS, progress(0));
    api.failNext('chat.update', { status: 429, retryAfter: 1, times: 2 });
    const edits = [surface.update(ref, progress(10))];
    for (let done = 11; done <= 500; done += 1) edits.push(surface.update(ref, progress(done)));
    await Promise.all(edits);
    await surface.flush();
    expect(updatesOf(api).map((call) => call.status)).toContain(429);
    expect(api.revisions(OPS, ref.ts).at(-1)).toEqual(progress(500));
  });

  it('with an edit client that does not wait out 429s, the surface waits and sends only the newest content', async () => {
    api = await startFakeSlackApi();
    const surface = createSlackSurface(createTestWebClient(api), { editClient: rejectingClient(api) });
    const ref = await surface.post(OPS, progress(0));
    api.failNext('chat.update', { status: 429, retryAfter: 1, times: 3 });
    const first = surface.update(ref, progress(1));
    // Let the first edit meet the 429 before the rest arrive.
    while (updatesOf(api).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const rest = Array.from({ length: 99 }, (_, i) => surface.update(ref, progress(i + 2)));
    await Promise.all([first, ...rest]);
    const statuses = updatesOf(api).map((call) => call.status);
    expect(statuses).toEqual([429, 429, 429, 200]);
    expect(api.revisions(OPS, ref.ts)).toEqual([progress(0), progress(100)]);
  });

  it('an edit Slack refuses for good is reported to the caller, and the next edit of the message still goes', async () => {
    api = await startFakeSlackApi();
    const surface = createSlackSurface(createTestWebClient(api), { editIntervalMs: 50 });
    const ref = await surface.post(OPS, progress(0));
    api.failNext('chat.update', { error: 'msg_too_long' });
    await expect(surface.update(ref, progress(1))).rejects.toMatchObject({ data: { error: 'msg_too_long' } });
    await surface.update(ref, progress(2));
    expect(api.revisions(OPS, ref.ts).at(-1)).toEqual(progress(2));
  });
});
