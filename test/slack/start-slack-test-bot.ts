import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { loadConfig } from '../../src/config.js';
import { startLocalFleet, type LocalFleet } from '../../src/console/start-local-fleet.js';
import type { SlackDownloadTimeouts } from '../../src/slack/download-slack-file.js';
import { startSlackBot, type SlackBot } from '../../src/slack/start-slack-bot.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { controlEnv } from '../control/control-test-plane.js';
import { FAKE_BOT, FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { SIGNING_SECRET } from './slack-requests.js';
import { readSlackManifest } from './slack-manifest.js';

/** Alice's own user token, for sharing files into the channel as she would. */
export const ALICE_TOKEN = 'xoxp-alice-user-token';

export interface SlackTestBot {
  api: FakeSlackApi;
  slack: SlackBot;
  /** http://127.0.0.1:<port>/slack/events */
  eventsUrl: string;
  /** Every log line the bot wrote, as written. */
  logLines: string[];
  /** The package store's directory (DTEN_PACKAGE_DIR): what the bot kept of the packages it was given. */
  packageDir: string;
  /** With `fleet`: the real local agents the rollouts run on. */
  fleet?: LocalFleet;
  close(): Promise<void>;
}

export interface SlackTestBotOptions {
  /** Start this many real local agents (env=demo) with the example package in the store, and drive rollouts. */
  fleet?: number;
  /** More environment for the bot, e.g. DTEN_STATUS_CHANNEL. */
  env?: Record<string, string>;
  /** What the bot logs; default `info`. `debug` also records WebClient's request bodies. */
  logLevel?: 'info' | 'debug';
  /** A Redis prefix several test bots share, as replicas of one installation do (each removes its keys on close). */
  prefix?: string;
  /** How long a shared zip's download may wait on a silent Slack; default: the bot's own. */
  downloadTimeouts?: SlackDownloadTimeouts;
  /** How long a Web API call may go unanswered before the bot retries it; default: the bot's own. */
  apiTimeoutMs?: number;
}

/**
 * The Slack bot as `dten bot` composes it (startSlackBot), in HTTP mode on a free port, against the fake Slack Web
 * API and real Redis under a fresh prefix. Without `fleet` the control plane does not drive rollouts; with it, a
 * local fleet of real agents runs them, its example package in the store and its vendor CA trusted.
 */
export async function startSlackTestBot(options: SlackTestBotOptions = {}): Promise<SlackTestBot> {
  const api = await startFakeSlackApi({
    // The bot token holds exactly the manifest's scopes: a call the app is not allowed answers missing_scope.
    tokens: {
      [FAKE_BOT_TOKEN]: { ...FAKE_BOT, scopes: readSlackManifest('manifest.json').oauth_config.scopes.bot },
      [ALICE_TOKEN]: { userId: 'U-ALICE', teamId: FAKE_BOT.teamId, name: 'alice' },
    },
    users: { 'U-ALICE': { name: 'alice' }, 'U-BOB': { name: 'bob' }, 'U-MALLORY': { name: 'mallory' } },
  });
  const prefix = options.prefix ?? freshPrefix();
  const { downloadTimeouts, apiTimeoutMs } = options;
  const timeouts = { downloadTimeouts, ...(apiTimeoutMs === undefined ? {} : { apiTimeoutMs }) };
  const packageDir = await mkdtemp(join(tmpdir(), 'dten-slack-packages-'));
  let fleet: LocalFleet | undefined;
  const cleanUp = async (): Promise<void> => {
    await fleet?.close();
    await api.close();
    const redis = await createRedisConnection(REDIS_URL, 'producer');
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
    await rm(packageDir, { recursive: true, force: true });
  };
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  let slack: SlackBot;
  try {
    const env = {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.url,
      PORT: '0',
      DTEN_APPROVERS: 'U-BOB',
      DTEN_PACKAGE_DIR: packageDir,
      LOG_LEVEL: options.logLevel ?? 'info',
      ...options.env,
    };
    const log = pino({ level: options.logLevel ?? 'info' }, sink);
    const config = loadConfig(controlEnv(prefix, env));
    if (options.fleet === undefined) {
      slack = await startSlackBot(config, log, { drive: false, sweepMs: 60_000, ...timeouts });
    } else {
      fleet = await startLocalFleet(config, log.child({ role: 'local-fleet' }), { hosts: options.fleet });
      const trustedCaPaths = [...config.trustedCaPaths, fleet.vendorRootCaFile];
      slack = await startSlackBot({ ...config, packageDir: fleet.packageDir, trustedCaPaths }, log, timeouts);
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    api,
    slack,
    eventsUrl: `http://127.0.0.1:${slack.port}/slack/events`,
    logLines,
    packageDir: fleet?.packageDir ?? packageDir,
    ...(fleet === undefined ? {} : { fleet }),
    async close() {
      await slack.close();
      await cleanUp();
    },
  };
}
