import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { isUserError } from '../../src/core/errors/user-error.js';
import { describeUserError } from '../../src/messages/user-error-text.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { readSlackSettings } from '../../src/slack/slack-settings.js';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { SIGNING_SECRET } from './slack-requests.js';

const silent = pino({ level: 'silent' });

function sentenceFor(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return describeUserError(error);
    throw error;
  }
  throw new Error('expected a refusal');
}

let api: FakeSlackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('starting the Slack app', () => {
  it('without a bot token, or in HTTP mode without a signing secret, start-up names the variable to set', () => {
    expect(sentenceFor(() => readSlackSettings(loadConfig({})))).toContain('SLACK_BOT_TOKEN is not set');
    const http = sentenceFor(() => readSlackSettings(loadConfig({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN })));
    expect(http).toContain('SLACK_SIGNING_SECRET is not set');
    expect(http).toContain('SLACK_APP_TOKEN');
    const socket = readSlackSettings(
      loadConfig({ SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0-1-abc' }),
    );
    expect(socket).toMatchObject({ botToken: FAKE_BOT_TOKEN, appToken: 'xapp-1-A0-1-abc' });
    expect(sentenceFor(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token' }))).toContain('xoxb-');
  });

  it('a bot token Slack refuses stops start-up with a sentence that does not repeat the token', async () => {
    api = await startFakeSlackApi();
    const settings = { botToken: 'xoxb-revoked-0000', signingSecret: SIGNING_SECRET, apiUrl: api.url, port: 0 };
    const error = await createSlackApp(settings, silent).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isUserError(error)) throw new Error(`expected a sentence, got ${String(error)}`);
    const sentence = describeUserError(error);
    expect(sentence).toContain('SLACK_BOT_TOKEN is not valid: Slack refused it (invalid_auth)');
    expect(sentence).not.toContain('xoxb-revoked');
  });

  it('with an app-level token the app uses Socket Mode; without, HTTP on the port given, with a health route', async () => {
    api = await startFakeSlackApi();
    const socket = await createSlackApp(
      { botToken: FAKE_BOT_TOKEN, appToken: 'xapp-1-A0-1-abc', apiUrl: api.url, port: 0 },
      silent,
    );
    expect(socket.mode).toBe('socket');
    const http = await createSlackApp(
      { botToken: FAKE_BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: api.url, port: 0 },
      silent,
    );
    expect(http.mode).toBe('http');
    const { port } = await http.start();
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await http.stop();
    }
    expect(api.calls.map((call) => call.method)).toEqual(['auth.test', 'auth.test']);
  });
});
