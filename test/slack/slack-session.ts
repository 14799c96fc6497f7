import { expect } from 'vitest';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { FakeEphemeral, FakeMessage } from '../helpers/fake-slack-api.js';
import { buttonClickBody, sendSigned, slashCommandBody } from './slack-requests.js';
import { startSlackTestBot, type SlackTestBot } from './start-slack-test-bot.js';

/** Where the fleet tests type their commands, and where the bot posts its status updates. */
export const OPS_CHANNEL = 'C0DTENOPS';
export const STATUS_CHANNEL = 'C0DTENSTATUS';

/** A test bot with two local agents, U-BOB as the only approver and status updates in STATUS_CHANNEL. */
export function startFleetSlackBot(): Promise<SlackTestBot> {
  return startSlackTestBot({ fleet: 2, env: { DTEN_APPROVERS: 'U-BOB', DTEN_STATUS_CHANNEL: STATUS_CHANNEL } });
}

/** The text a message shows now: its latest revision's. */
export function lastText(message: FakeMessage): string {
  return message.revisions.at(-1)!.text;
}

/** The status updates posted so far, in order, as first posted. */
export function statusPosts(bot: SlackTestBot): string[] {
  return bot.api.messages.filter((m) => m.channel === STATUS_CHANNEL).map((m) => m.revisions[0]!.text);
}

/** Polls what the fake Slack or the store shows until `found` is true; the test timeout bounds it. */
export async function until(found: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await found())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** What people do in one channel of a test bot, through signed requests into Bolt, and what they see. */
export interface SlackSession {
  /** `/dten <text>` typed by `user` (default U-ALICE); returns Bolt's answer. */
  type: (text: string, user?: string) => Promise<string>;
  /** The next private answer to `user` after the `seen` first: its fallback text and its blocks as one string. */
  nextWhisper: (user: string, seen: number) => Promise<string>;
  /** How many private answers `user` has had. */
  whispered: (user: string) => number;
  /** Waits until the latest rollout matches, and returns it. */
  latestWhen: (matches: (rollout: Rollout) => boolean) => Promise<Rollout>;
  /** Waits for the approval card of `rolloutId` and clicks one of its buttons as `user`; returns the card. */
  click: (rolloutId: string, actionId: string, user: string) => Promise<FakeMessage>;
}

/** A session in `channel` of the bot `bot()` returns (read when used: test bots start in `beforeAll`). */
export function slackSession(bot: () => SlackTestBot, channel: string): SlackSession {
  let triggers = 0;
  const whispers = (user: string): FakeEphemeral[] => bot().api.ephemerals.filter((message) => message.user === user);
  return {
    async type(text, user = 'U-ALICE') {
      triggers += 1;
      const body = slashCommandBody(text, user, channel, `trigger-command-${triggers}`);
      const response = await sendSigned(bot().eventsUrl, body);
      expect(response.status).toBe(200);
      return response.text();
    },
    async nextWhisper(user, seen) {
      await until(() => whispers(user).length > seen);
      const whisper = whispers(user)[seen]!;
      return `${whisper.text}\n${JSON.stringify(whisper.blocks)}`;
    },
    whispered: (user) => whispers(user).length,
    async latestWhen(matches) {
      let found: Rollout | undefined;
      await until(async () => {
        const [latest] = await bot().slack.bot.ctx.control.store.list(1);
        found = latest && matches(latest) ? latest : undefined;
        return found !== undefined;
      });
      return found!;
    },
    async click(rolloutId, actionId, user) {
      const find = () =>
        bot()
          .api.messages.flatMap((m) => m.revisions[0]!.blocks.map((block) => ({ m, block })))
          .flatMap(({ m, block }) =>
            'elements' in block
              ? (block.elements as { action_id?: string; value?: string }[]).map((e) => ({ m, e }))
              : [],
          )
          .find(({ e }) => e.action_id === actionId && e.value?.includes(rolloutId));
      await until(() => find() !== undefined);
      const { m, e } = find()!;
      triggers += 1;
      const body = buttonClickBody({ user, channel, ts: m.ts, actionId, value: e.value! }, `trigger-click-${triggers}`);
      expect((await sendSigned(bot().eventsUrl, body)).status).toBe(200);
      return m;
    },
  };
}
