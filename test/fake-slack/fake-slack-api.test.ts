import { afterEach, describe, expect, it } from 'vitest';
import { App, LogLevel } from '@slack/bolt';
import { WebClientEvent } from '@slack/web-api';
import {
  FAKE_BOT,
  FAKE_BOT_TOKEN,
  startFakeSlackApi,
  type FakeSlackApi,
  type FakeSlackOptions,
} from '../helpers/fake-slack-api.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';

const OPS = 'C0DTENOPS';
const progress = (done: number) => [
  { type: 'section' as const, text: { type: 'mrkdwn' as const, text: `*${done}/12* hosts upgraded` } },
];

let api: FakeSlackApi | undefined;
afterEach(() => api?.close());

async function start(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  api = await startFakeSlackApi(options);
  return api;
}

describe('a local Slack Web API for tests', () => {
  it('answers auth.test with who the bot token is, and refuses a missing or unknown token', async () => {
    const fake = await start();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    await expect(createTestWebClient(fake).auth.test()).resolves.toMatchObject({
      ok: true,
      user_id: FAKE_BOT.userId,
      bot_id: FAKE_BOT.botId,
      team_id: FAKE_BOT.teamId,
    });
    await expect(createTestWebClient(fake, 'xoxb-revoked').auth.test()).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
    await expect(createTestWebClient(fake, '').auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
  });

  it('when the bot posts progress and edits it twice, every revision is kept and the call log shows who did it', async () => {
    const fake = await start();
    const slack = createTestWebClient(fake);
    const posted = await slack.chat.postMessage({ channel: OPS, text: '0/12 hosts upgraded', blocks: progress(0) });
    const ts = posted.ts ?? '';
    await slack.chat.update({ channel: OPS, ts, text: '6/12 hosts upgraded', blocks: progress(6) });
    await slack.chat.update({ channel: OPS, ts, text: '12/12 hosts upgraded' });
    expect(fake.revisions(OPS, ts)).toEqual([
      { text: '0/12 hosts upgraded', blocks: progress(0) },
      { text: '6/12 hosts upgraded', blocks: progress(6) },
      { text: '12/12 hosts upgraded', blocks: progress(6) },
    ]);
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([
      ['chat.postMessage', FAKE_BOT_TOKEN],
      ['chat.update', FAKE_BOT_TOKEN],
      ['chat.update', FAKE_BOT_TOKEN],
    ]);
    await slack.chat.update({ channel: OPS, ts, text: 'done', blocks: [] });
    expect(fake.revisions(OPS, ts).at(-1)).toEqual({ text: 'done', blocks: [] });
  });

  it('when a second app token tries to edit the bot message, Slack says cant_update_message and nothing changes', async () => {
    const other = { userId: 'U0OTHER', botId: 'B0OTHER', teamId: FAKE_BOT.teamId, name: 'other' };
    const fake = await start({ tokens: { [FAKE_BOT_TOKEN]: FAKE_BOT, 'xoxb-other-app': other } });
    const posted = await createTestWebClient(fake).chat.postMessage({ channel: OPS, text: 'approval needed' });
    const edit = createTestWebClient(fake, 'xoxb-other-app').chat.update({
      channel: OPS,
      ts: posted.ts ?? '',
      text: 'approved!',
    });
    await expect(edit).rejects.toMatchObject({ data: { error: 'cant_update_message' } });
    expect(fake.revisions(OPS, posted.ts ?? '').map((r) => r.text)).toEqual(['approval needed']);
  });

  it('an ephemeral message reaches one user and cannot be edited afterwards', async () => {
    const fake = await start({ users: { 'U-ALICE': { name: 'alice' } } });
    const slack = createTestWebClient(fake);
    const { message_ts } = await slack.chat.postEphemeral({
      channel: OPS,
      user: 'U-ALICE',
      text: 'Only you can see this',
    });
    expect(fake.ephemerals).toMatchObject([
      { channel: OPS, user: 'U-ALICE', ts: message_ts, text: 'Only you can see this' },
    ]);
    await expect(slack.chat.update({ channel: OPS, ts: message_ts ?? '', text: 'edited' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    await expect(slack.chat.postEphemeral({ channel: OPS, user: 'U-NOBODY', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'user_not_in_channel' },
    });
  });

  it('takes JSON bodies with a Bearer token, as Slack does, besides the form bodies WebClient sends', async () => {
    const fake = await start();
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${FAKE_BOT_TOKEN}` },
      body: JSON.stringify({ channel: OPS, text: 'from JSON', blocks: progress(1) }),
    });
    await expect(response.json()).resolves.toMatchObject({ ok: true, channel: OPS, message: { text: 'from JSON' } });
    expect(fake.messages[0]?.revisions).toEqual([{ text: 'from JSON', blocks: progress(1) }]);
  });

  it('refuses blocks that are not JSON with invalid_blocks_format, and a body that is not JSON with invalid_json', async () => {
    const fake = await start();
    const form = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${FAKE_BOT_TOKEN}` },
      body: `channel=${OPS}&text=hi&blocks=%5B%7Bnot-json`,
    });
    await expect(form.json()).resolves.toEqual({ ok: false, error: 'invalid_blocks_format' });
    const json = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FAKE_BOT_TOKEN}` },
      body: '{"channel":',
    });
    await expect(json.json()).resolves.toEqual({ ok: false, error: 'invalid_json' });
    expect(fake.messages).toEqual([]);
  });

  it('answers usergroups.users.list from its fixtures, plan_upgrade_required on a free plan, missing_scope without the scope', async () => {
    const limited = { ...FAKE_BOT, scopes: ['chat:write'] };
    const fake = await start({
      tokens: { [FAKE_BOT_TOKEN]: { ...FAKE_BOT, scopes: ['chat:write', 'usergroups:read'] }, 'xoxb-limited': limited },
      usergroups: { 'S-RELEASE-MANAGERS': ['U-BOB', 'U-CAROL'] },
    });
    const slack = createTestWebClient(fake);
    await expect(slack.usergroups.users.list({ usergroup: 'S-RELEASE-MANAGERS' })).resolves.toMatchObject({
      users: ['U-BOB', 'U-CAROL'],
    });
    await expect(slack.usergroups.users.list({ usergroup: 'S-GONE' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
    await expect(
      createTestWebClient(fake, 'xoxb-limited').usergroups.users.list({ usergroup: 'S-RELEASE-MANAGERS' }),
    ).rejects.toMatchObject({ data: { error: 'missing_scope', needed: 'usergroups:read' } });
    fake.plan = 'free';
    await expect(slack.usergroups.users.list({ usergroup: 'S-RELEASE-MANAGERS' })).rejects.toMatchObject({
      data: { error: 'plan_upgrade_required' },
    });
  });

  it('answers users.info and conversations.info from fixtures; a bot outside a channel gets not_in_channel', async () => {
    const fake = await start({
      users: { 'U-ALICE': { name: 'alice', realName: 'Alice Example', tz: 'Europe/Paris' } },
      channels: { [OPS]: { name: 'dten-ops' }, C0PRIVATE: { name: 'secret', isPrivate: true, isMember: false } },
    });
    const slack = createTestWebClient(fake);
    await expect(slack.users.info({ user: 'U-ALICE' })).resolves.toMatchObject({
      user: { id: 'U-ALICE', name: 'alice', real_name: 'Alice Example', tz: 'Europe/Paris', is_bot: false },
    });
    await expect(slack.users.info({ user: 'U-NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
    await expect(slack.conversations.info({ channel: OPS })).resolves.toMatchObject({
      channel: { id: OPS, name: 'dten-ops', is_private: false, is_member: true },
    });
    await expect(slack.conversations.info({ channel: 'C0NONE' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(slack.chat.postMessage({ channel: 'C0PRIVATE', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(slack.chat.postMessage({ channel: 'C0NONE', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('keeps the Home tab a user was shown', async () => {
    const fake = await start();
    const view = { type: 'home' as const, blocks: progress(3) };
    await expect(createTestWebClient(fake).views.publish({ user_id: 'U-ALICE', view })).resolves.toMatchObject({
      ok: true,
      view: { type: 'home', blocks: progress(3) },
    });
    expect(fake.views).toEqual([{ userId: 'U-ALICE', token: FAKE_BOT_TOKEN, view }]);
  });

  it('takes a report through filesUploadV2: upload URL, the bytes, then completion in the channel', async () => {
    const fake = await start();
    const report = JSON.stringify({ verdict: 'blocked', findings: 10_000 });
    const result = await createTestWebClient(fake).filesUploadV2({
      channel_id: OPS,
      thread_ts: '1700000000.000001',
      filename: 'preflight-report.json',
      title: 'Preflight report',
      content: report,
      initial_comment: 'The full preflight report',
    });
    expect(result.ok).toBe(true);
    expect(fake.files).toHaveLength(1);
    expect(fake.files[0]).toMatchObject({
      filename: 'preflight-report.json',
      title: 'Preflight report',
      length: Buffer.byteLength(report),
      channelId: OPS,
      threadTs: '1700000000.000001',
      initialComment: 'The full preflight report',
      completed: true,
    });
    expect(fake.files[0]?.content?.toString('utf8')).toBe(report);
    expect(fake.calls.map((c) => c.method)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
  });

  it('refuses to complete an upload whose bytes never arrived', async () => {
    const fake = await start();
    const slack = createTestWebClient(fake);
    const { file_id } = await slack.files.getUploadURLExternal({ filename: 'report.json', length: 10 });
    await expect(
      slack.files.completeUploadExternal({ files: [{ id: file_id ?? '' }], channel_id: OPS }),
    ).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
  });

  it('when Slack rate-limits twice, WebClient waits the Retry-After it was given and the message still arrives once', async () => {
    const fake = await start();
    const slack = createTestWebClient(fake);
    const waits: number[] = [];
    slack.on(WebClientEvent.RATE_LIMITED, (seconds: number) => waits.push(seconds));
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1, times: 2 });
    const posted = await slack.chat.postMessage({ channel: OPS, text: 'Wave 2 started' });
    expect(posted.ok).toBe(true);
    expect(waits).toEqual([1, 1]);
    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
      ['chat.postMessage', 429],
      ['chat.postMessage', 429],
      ['chat.postMessage', 200],
    ]);
    expect(fake.messages.map((m) => m.revisions.map((r) => r.text))).toEqual([['Wave 2 started']]);
  });

  it('when told to, answers the next call with a Slack error once, then works again', async () => {
    const fake = await start();
    const slack = createTestWebClient(fake);
    fake.failNext('chat.update', { error: 'edit_window_closed' });
    const { ts } = await slack.chat.postMessage({ channel: OPS, text: 'v1' });
    await expect(slack.chat.update({ channel: OPS, ts: ts ?? '', text: 'v2' })).rejects.toMatchObject({
      data: { error: 'edit_window_closed' },
    });
    await slack.chat.update({ channel: OPS, ts: ts ?? '', text: 'v2' });
    expect(fake.revisions(OPS, ts ?? '').map((r) => r.text)).toEqual(['v1', 'v2']);
  });

  it('takes five JSON messages at a response_url it handed out and refuses the sixth, and one it never handed out', async () => {
    const fake = await start();
    const url = fake.responseUrl(OPS, 'U-ALICE');
    const post = (to: string, body: Record<string, unknown>) =>
      fetch(to, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = await post(url, { response_type: 'ephemeral', replace_original: false, text: 'only for you' });
    expect([first.status, await first.text()]).toEqual([200, 'ok']);
    for (let i = 2; i <= 5; i += 1) expect((await post(url, { text: `answer ${i}` })).status).toBe(200);
    expect((await post(url, { text: 'answer 6' })).status).toBe(404);
    expect((await post(new URL('/respond/R0NEVER', fake.url).toString(), { text: 'hi' })).status).toBe(404);
    expect(fake.responses).toHaveLength(5);
    expect(fake.responses[0]).toEqual({
      channel: OPS,
      user: 'U-ALICE',
      responseType: 'ephemeral',
      replaceOriginal: false,
      text: 'only for you',
      blocks: [],
    });
    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
      ...Array.from({ length: 5 }, () => ['response_url', 200]),
      ['response_url', 404],
      ['response_url', 404],
    ]);
  });

  it('when the bot is removed from a channel, posting there answers not_in_channel while other channels still work', async () => {
    const fake = await start();
    const slack = createTestWebClient(fake);
    fake.removeBotFrom('C0LEFT');
    await expect(slack.chat.postMessage({ channel: 'C0LEFT', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(slack.chat.postEphemeral({ channel: 'C0LEFT', user: 'U-ALICE', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(slack.chat.postMessage({ channel: OPS, text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it("stands in for Slack under Bolt's own App: auth.test at start-up, then its client posts", async () => {
    const fake = await start();
    const app = new App({
      token: FAKE_BOT_TOKEN,
      signingSecret: 'test-signing-secret',
      clientOptions: { slackApiUrl: fake.url },
      logLevel: LogLevel.ERROR,
      deferInitialization: true,
    });
    await app.init();
    await app.client.chat.postMessage({ channel: OPS, text: 'dten is up' });
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.test', 'chat.postMessage']);
    expect(fake.messages[0]).toMatchObject({
      channel: OPS,
      userId: FAKE_BOT.userId,
      revisions: [{ text: 'dten is up' }],
    });
  });
});
