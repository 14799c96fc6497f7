import type { FakeIdentity, FakeSlackOptions, FakeSlackState } from './fake-slack-types.js';

export const FAKE_BOT_TOKEN = 'xoxb-0000-dten-test-bot';
export const FAKE_BOT: FakeIdentity = { userId: 'U0DTENBOT', botId: 'B0DTENBOT', teamId: 'T0DTEN', name: 'dten' };

export function createFakeSlackState(options: FakeSlackOptions): FakeSlackState {
  const start = Math.floor(Date.now() / 1000);
  let counter = 0;
  return {
    tokens: options.tokens ?? { [FAKE_BOT_TOKEN]: FAKE_BOT },
    users: options.users ?? {},
    usergroups: options.usergroups ?? {},
    channels: options.channels,
    outsideChannels: new Set(),
    plan: options.plan ?? 'paid',
    calls: [],
    messages: [],
    ephemerals: [],
    responses: [],
    responseUrls: new Map(),
    views: [],
    files: [],
    failures: new Map(),
    nextTs: () => `${start}.${String((counter += 1)).padStart(6, '0')}`,
    nextId: (prefix) => `${prefix}0${String((counter += 1)).padStart(8, '0')}`,
  };
}
