import { checkChannel } from './check-channel.js';
import type { FakeMessage, MethodHandler, Revision } from './fake-slack-types.js';
import { isAnswer, readMessageContent } from './read-message-content.js';
import { slackError } from './slack-error.js';
import { stringArg } from './string-arg.js';

/** chat.postMessage, chat.update and chat.postEphemeral, keeping every revision of every message. */
export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': ({ state, token, identity, args }) => {
    const channel = stringArg(args, 'channel');
    const refused = checkChannel(state, channel, true);
    if (refused) return refused;
    const content = readMessageContent(args);
    if (isAnswer(content)) return content;
    if (!content.text && !content.blocks?.length) return slackError('no_text');
    const threadTs = stringArg(args, 'thread_ts');
    const revision: Revision = { text: content.text ?? '', blocks: content.blocks ?? [] };
    const message: FakeMessage = {
      channel: channel ?? '',
      ts: state.nextTs(),
      token,
      userId: identity.userId,
      revisions: [revision],
    };
    if (threadTs) message.threadTs = threadTs;
    state.messages.push(message);
    return { ok: true, channel: message.channel, ts: message.ts, message: shown(message, identity.botId) };
  },

  'chat.update': ({ state, token, identity, args }) => {
    const channel = stringArg(args, 'channel');
    const ts = stringArg(args, 'ts');
    const message = state.messages.find((m) => m.channel === channel && m.ts === ts);
    if (!message) return slackError('message_not_found');
    if (message.token !== token) return slackError('cant_update_message');
    const content = readMessageContent(args);
    if (isAnswer(content)) return content;
    if (content.text === undefined && content.blocks === undefined) return slackError('no_text');
    // Slack keeps what an update leaves out: blocks stay unless `blocks` is sent (an empty array removes them).
    const last = message.revisions.at(-1) ?? { text: '', blocks: [] };
    message.revisions.push({ text: content.text ?? last.text, blocks: content.blocks ?? last.blocks });
    const now = shown(message, identity.botId);
    return { ok: true, channel: message.channel, ts: message.ts, text: now.text, message: now };
  },

  'chat.postEphemeral': ({ state, token, args }) => {
    const channel = stringArg(args, 'channel');
    const user = stringArg(args, 'user');
    const refused = checkChannel(state, channel, true);
    if (refused) return refused;
    if (!user || (Object.keys(state.users).length > 0 && !state.users[user])) return slackError('user_not_in_channel');
    const content = readMessageContent(args);
    if (isAnswer(content)) return content;
    if (!content.text && !content.blocks?.length) return slackError('no_text');
    const ts = state.nextTs();
    state.ephemerals.push({
      channel: channel ?? '',
      user,
      ts,
      token,
      text: content.text ?? '',
      blocks: content.blocks ?? [],
    });
    return { ok: true, message_ts: ts };
  },
};

function shown(message: FakeMessage, botId: string | undefined): Record<string, unknown> & Revision {
  const last = message.revisions.at(-1) ?? { text: '', blocks: [] };
  return {
    type: 'message',
    user: message.userId,
    ...(botId ? { bot_id: botId } : {}),
    ts: message.ts,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    text: last.text,
    blocks: last.blocks,
  };
}
