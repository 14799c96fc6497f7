import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createSlackApprovers } from '../../src/slack/create-slack-approvers.js';
import { FAKE_BOT, FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../helpers/fake-slack-api.js';
import { createTestWebClient } from '../helpers/fake-slack/create-test-web-client.js';

const chat = loadConfig({ DTEN_APPROVERS: 'U-ALICE, S-RELEASE' }).chat;
const GROUPS = { 'S-RELEASE': ['U-BOB', 'U-CAROL'] };

/** A logger whose JSON lines the test reads. */
function capturedLog() {
  const lines: { level: number; msg: string; slackError?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

let api: FakeSlackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function directory(options: Parameters<typeof startFakeSlackApi>[0]) {
  api = await startFakeSlackApi(options);
  const { log, lines } = capturedLog();
  return { approvers: createSlackApprovers(createTestWebClient(api), chat, log), lines, api };
}

const lookups = (fake: FakeSlackApi) => fake.calls.filter((call) => call.method === 'usergroups.users.list');

describe('who may approve, on Slack', () => {
  it('the users listed and the members of the listed user group approve; others do not; members are cached', async () => {
    const { approvers, api: fake } = await directory({ usergroups: GROUPS });
    const policy = await approvers.policy();
    expect(policy.users).toEqual(['U-ALICE']);
    expect(policy.groups).toEqual(['S-RELEASE']);
    expect(policy.isMember('U-BOB', 'S-RELEASE')).toBe(true);
    expect(policy.isMember('U-MALLORY', 'S-RELEASE')).toBe(false);
    await approvers.policy();
    expect(lookups(fake)).toHaveLength(1);
  });

  it('on a free workspace (plan_upgrade_required) only the listed users approve, and the log says why once', async () => {
    const { approvers, lines } = await directory({ usergroups: GROUPS, plan: 'free' });
    const policy = await approvers.policy();
    expect(policy.users).toEqual(['U-ALICE']);
    expect(policy.isMember('U-BOB', 'S-RELEASE')).toBe(false);
    await approvers.policy();
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ slackError: 'plan_upgrade_required' });
    expect(warnings[0]?.msg).toContain('only the user ids in DTEN_APPROVERS can approve');
  });

  it('without the usergroups:read scope (missing_scope) it falls back the same way', async () => {
    const { approvers, lines } = await directory({
      usergroups: GROUPS,
      tokens: { [FAKE_BOT_TOKEN]: { ...FAKE_BOT, scopes: ['chat:write', 'commands'] } },
    });
    const policy = await approvers.policy();
    expect(policy.isMember('U-BOB', 'S-RELEASE')).toBe(false);
    expect(lines.filter((line) => line.level === 40)).toMatchObject([{ slackError: 'missing_scope' }]);
  });

  it('when the workspace upgrades, group members approve again without a restart', async () => {
    api = await startFakeSlackApi({ usergroups: GROUPS, plan: 'free' });
    const { log } = capturedLog();
    const approvers = createSlackApprovers(createTestWebClient(api), chat, log, { cacheMs: 0 });
    expect((await approvers.policy()).isMember('U-BOB', 'S-RELEASE')).toBe(false);
    api.plan = 'paid';
    expect((await approvers.policy()).isMember('U-BOB', 'S-RELEASE')).toBe(true);
  });
});
