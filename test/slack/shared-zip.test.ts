import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors/user-error.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import { createSlackFileDownloader } from '../../src/slack/create-slack-file-downloader.js';
import { downloadSlackFile } from '../../src/slack/download-slack-file.js';
import { findSharedZips } from '../../src/slack/find-shared-zips.js';
import { isSlackFileUrl } from '../../src/slack/is-slack-file-url.js';
import { FAKE_BOT, FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';
import { listenOnLoopback } from '../helpers/listen-on-loopback.js';

const OPS = 'C0DTENOPS';
const ALICE_TOKEN = 'xoxp-alice-user-token';
const BOB_TOKEN = 'xoxp-bob-user-token';
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(4096, 7)]);

let api: FakeSlackApi | undefined;
let dir: string | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  api = undefined;
  dir = undefined;
});

/** A fake Slack where Alice and Bob can share files into the channel with their own tokens. */
async function workspace(): Promise<FakeSlackApi> {
  api = await startFakeSlackApi({
    tokens: {
      [FAKE_BOT_TOKEN]: FAKE_BOT,
      [ALICE_TOKEN]: { userId: 'U-ALICE', teamId: FAKE_BOT.teamId, name: 'alice' },
      [BOB_TOKEN]: { userId: 'U-BOB', teamId: FAKE_BOT.teamId, name: 'bob' },
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'dten-slack-test-'));
  return api;
}

async function share(fake: FakeSlackApi, token: string, filename: string, content: Buffer): Promise<void> {
  await createTestWebClient(fake, token).filesUploadV2({ channel_id: OPS, filename, file: content });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isUserError(error)) throw new Error(`expected a sentence for the person, got ${String(error)}`);
  return describeUserError(error);
}

describe('a zip shared into the channel', () => {
  it('is found by the name the command gives, among the zips this user shared, and downloaded with the bot token', async () => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', Buffer.from('PK old'));
    await share(fake, BOB_TOKEN, 'dten-4.2.0.zip', Buffer.from('PK bob'));
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', ZIP);
    await share(fake, ALICE_TOKEN, 'other.zip', ZIP);
    const bot = createTestWebClient(fake);
    const request = { text: 'preflight dten-4.2.0.zip', user: 'U-ALICE', channel: OPS };

    const files = await findSharedZips(bot, request, new Date());
    expect(files).toEqual([{ id: fake.files[2]?.id, name: 'dten-4.2.0.zip' }]);
    const path = await downloadSlackFile(bot, files[0]?.id ?? '', dir ?? '', 1024 * 1024);
    expect(path).toBe(join(dir ?? '', 'dten-4.2.0.zip'));
    await expect(readFile(path)).resolves.toEqual(ZIP);
    expect(fake.calls.filter((call) => call.method === 'download')).toMatchObject([{ token: FAKE_BOT_TOKEN }]);
  });

  it('a command that names no zip asks Slack nothing', async () => {
    const fake = await workspace();
    const found = await findSharedZips(
      createTestWebClient(fake),
      { text: 'preflight dten-4.2.0 on web-1', user: 'U-ALICE', channel: OPS },
      new Date(),
    );
    expect(found).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('larger than the limit: refused with a sentence before a byte is downloaded', async () => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'huge.zip', ZIP);
    const download = downloadSlackFile(createTestWebClient(fake), fake.files[0]?.id ?? '', dir ?? '', 1024);
    expect(await refusal(download)).toContain(
      'huge.zip could not be found or fetched: it is larger than the 1.0 KiB dten accepts',
    );
    expect(fake.calls.map((call) => call.method)).not.toContain('download');
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });

  it('the downloader for the package resolver removes its temporary folder when asked', async () => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', ZIP);
    const download = createSlackFileDownloader(createTestWebClient(fake), 1024 * 1024);
    const fetched = await download({ id: fake.files[0]?.id ?? '', name: 'dten-4.2.0.zip' });
    await expect(readFile(fetched.path)).resolves.toEqual(ZIP);
    await fetched.remove();
    await expect(stat(fetched.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the bot token goes only to Slack file hosts over https, or to the configured API server', () => {
    const slack = 'https://slack.com/api/';
    expect(isSlackFileUrl('https://files.slack.com/files-pri/T1-F1/download/a.zip', slack)).toBe(true);
    expect(isSlackFileUrl('http://files.slack.com/files-pri/T1-F1/download/a.zip', slack)).toBe(false);
    expect(isSlackFileUrl('https://files.slack.com.evil.example/a.zip', slack)).toBe(false);
    expect(isSlackFileUrl('https://evil.example/?https://files.slack.com/', slack)).toBe(false);
    expect(isSlackFileUrl('http://127.0.0.1:4000/files-pri/T1-F1/download/a.zip', 'http://127.0.0.1:4000/api/')).toBe(
      true,
    );
    expect(isSlackFileUrl('not a url', slack)).toBe(false);
  });
});

/** A web server that is not Slack: it keeps the headers of every request it gets. */
async function startStranger(): Promise<{ url: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    requests.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/zip' }).end(ZIP);
  });
  const listening = await listenOnLoopback(server);
  closers.push(() => listening.close());
  return { url: listening.url, requests };
}

/** The bot's client, with `meanwhile` run in Slack after files.info has answered and before the download starts. */
function botAnd(fake: FakeSlackApi, meanwhile: () => void): WebClient {
  const client = createTestWebClient(fake);
  const info = client.files.info.bind(client.files);
  client.files.info = async (args) => {
    const answer = await info(args);
    meanwhile();
    return answer;
  };
  return client;
}

/** The reason dten gives, between "could not be found or fetched:" and the closing advice. */
function reasonIn(sentence: string): string {
  return /could not be found or fetched: (.*?)\. Name a package in the store/.exec(sentence)?.[1] ?? sentence;
}

describe('a zip shared into the channel, on a bad day', () => {
  it('a file Slack gives no download link for (an external file, say) is refused with a sentence, nothing fetched', async () => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', ZIP);
    const file = fake.files[0];
    if (file) file.claims = { downloadUrl: null };
    const download = downloadSlackFile(createTestWebClient(fake), file?.id ?? '', dir ?? '', 1024 * 1024);
    expect(reasonIn(await refusal(download))).toBe('Slack gave no download link for it');
    expect(fake.calls.map((call) => call.method)).not.toContain('download');
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });

  it('a download link that is not on Slack is refused before any request, so the bot token goes nowhere', async () => {
    const fake = await workspace();
    const stranger = await startStranger();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', ZIP);
    const file = fake.files[0];
    if (file) file.claims = { downloadUrl: `${stranger.url}/files-pri/T0DTEN-F1/download/dten-4.2.0.zip` };
    const download = downloadSlackFile(createTestWebClient(fake), file?.id ?? '', dir ?? '', 1024 * 1024);
    expect(reasonIn(await refusal(download))).toBe('its download link is not on Slack');
    expect(stranger.requests).toEqual([]);
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });

  it('a file deleted in Slack between files.info and the download: Slack answers 404 and the person is told so', async () => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', ZIP);
    const id = fake.files[0]?.id ?? '';
    const bot = botAnd(fake, () => void fake.files.splice(0));
    expect(reasonIn(await refusal(downloadSlackFile(bot, id, dir ?? '', 1024 * 1024)))).toBe(
      'Slack answered 404 to the download',
    );
    expect(fake.calls.filter((call) => call.method === 'download')).toMatchObject([{ status: 404 }]);
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });

  it('when Slack sends its HTML sign-in page instead of the zip, the person is told the app needs files:read and no file is kept', async () => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', ZIP);
    const id = fake.files[0]?.id ?? '';
    // An admin trims the app's scopes: Slack's file host now answers the bot with its sign-in page, and a 200.
    const bot = botAnd(fake, () => (fake.tokens[FAKE_BOT_TOKEN] = { ...FAKE_BOT, scopes: ['chat:write'] }));
    expect(reasonIn(await refusal(downloadSlackFile(bot, id, dir ?? '', 1024 * 1024)))).toBe(
      'Slack sent its sign-in page instead (the app needs the files:read scope)',
    );
    expect(fake.calls.filter((call) => call.method === 'download')).toMatchObject([
      { status: 200, answer: { ok: false } },
    ]);
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });

  it('a body far larger than files.info declared is stopped at the limit, the partial file removed, and the limit named in one sentence', async () => {
    const fake = await workspace();
    const big = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(4 * 1024 * 1024, 7)]);
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', big);
    const file = fake.files[0];
    if (file) file.claims = { size: 2048 };
    const limit = 64 * 1024;
    const said = await refusal(downloadSlackFile(createTestWebClient(fake), file?.id ?? '', dir ?? '', limit));
    expect(fake.calls.map((call) => call.method)).toContain('download');
    expect(reasonIn(said)).toBe(
      'it is larger than the 64.0 KiB dten accepts (DTEN_MAX_TOTAL_BYTES); share a smaller package or raise the limit',
    );
    expect(said).toMatch(/^The package dten-4\.2\.0\.zip could not be found or fetched: [^.]*64\.0 KiB[^.]*\. /);
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });
  it('a download that breaks off part-way is answered with a sentence, and the partial file is removed', async () => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', Buffer.concat([ZIP, Buffer.alloc(256 * 1024, 9)]));
    const file = fake.files[0];
    if (file) file.claims = { breakAfterBytes: 64 * 1024 };
    const said = await refusal(downloadSlackFile(createTestWebClient(fake), file?.id ?? '', dir ?? '', 1024 * 1024));
    expect(reasonIn(said)).toMatch(/^the download from Slack broke off part-way \(.+\); share it again or try again$/);
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });
});

describe('a zip shared into the channel, when Slack goes quiet', () => {
  const QUICKLY = { headersTimeoutMs: 200, idleTimeoutMs: 200 };

  const BIG = Buffer.concat([ZIP, Buffer.alloc(256 * 1024, 9)]);
  it.each([
    {
      what: 'Slack never answering the download',
      claims: { delayHeadersMs: 60_000 },
      reason: 'Slack stopped answering (no answer to the download within 200ms); share it again or try again',
    },
    {
      what: 'a download that stalls part-way, the connection left open,',
      claims: { stallAfterBytes: 64 * 1024 },
      reason: 'Slack stopped answering (the download stalled part-way, nothing for 200ms); share it again or try again',
    },
    {
      what: 'a connection Slack closes before it answers',
      claims: { hangUpBeforeAnswer: true },
      reason: "Slack's file host could not be reached (other side closed); try again in a minute",
    },
  ])('$what is told in one sentence without the token, and nothing is kept', async ({ claims, reason }) => {
    const fake = await workspace();
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', BIG);
    const file = fake.files[0];
    if (file) file.claims = claims;
    const said = await refusal(
      downloadSlackFile(createTestWebClient(fake), file?.id ?? '', dir ?? '', 1024 * 1024, QUICKLY),
    );
    expect(reasonIn(said)).toBe(reason);
    expect(said.split('\n')).toHaveLength(1);
    expect(said).not.toContain(FAKE_BOT_TOKEN);
    // The download was asked for with the bot token, and a partial file is removed.
    expect(fake.calls.filter((call) => call.method === 'download')).toMatchObject([{ token: FAKE_BOT_TOKEN }]);
    await expect(readdir(dir ?? '')).resolves.toEqual([]);
  });

  it('a slow download that keeps moving is not cut off, though it takes longer in all than Slack may stay silent', async () => {
    const fake = await workspace();
    const content = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(20 * 1024 - 4, 9)]);
    await share(fake, ALICE_TOKEN, 'dten-4.2.0.zip', content);
    const file = fake.files[0];
    // Twenty pieces 50 ms apart: about a second in all, but never 500 ms without a byte.
    if (file) file.claims = { delayHeadersMs: 50, trickle: { bytes: 1024, everyMs: 50 } };
    const timeouts = { headersTimeoutMs: 500, idleTimeoutMs: 500 };
    const path = await downloadSlackFile(createTestWebClient(fake), file?.id ?? '', dir ?? '', 1024 * 1024, timeouts);
    await expect(readFile(path)).resolves.toEqual(content);
  });
});
