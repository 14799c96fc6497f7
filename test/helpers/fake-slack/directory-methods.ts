import { checkChannel } from './check-channel.js';
import type { MethodHandler } from './fake-slack-types.js';
import { slackError } from './slack-error.js';
import { stringArg } from './string-arg.js';

/** auth.test, users.info, usergroups.users.list and conversations.info, answered from the fixtures. */
export const directoryMethods: Record<string, MethodHandler> = {
  'auth.test': ({ identity, origin }) => ({
    ok: true,
    url: `${origin}/`,
    team: 'dten test workspace',
    user: identity.name,
    team_id: identity.teamId,
    user_id: identity.userId,
    ...(identity.botId ? { bot_id: identity.botId } : {}),
    is_enterprise_install: false,
  }),

  'users.info': ({ state, identity, args }) => {
    const id = stringArg(args, 'user') ?? '';
    const user = state.users[id];
    if (!user) return slackError('user_not_found');
    const realName = user.realName ?? user.name;
    return {
      ok: true,
      user: {
        id,
        team_id: identity.teamId,
        name: user.name,
        real_name: realName,
        tz: user.tz ?? 'Etc/UTC',
        is_bot: user.isBot ?? false,
        deleted: false,
        profile: { real_name: realName, display_name: user.name },
      },
    };
  },

  'usergroups.users.list': ({ state, args }) => {
    if (state.plan === 'free') return slackError('plan_upgrade_required');
    const members = state.usergroups[stringArg(args, 'usergroup') ?? ''];
    return members ? { ok: true, users: [...members] } : slackError('no_such_subteam');
  },

  'conversations.info': ({ state, args }) => {
    const id = stringArg(args, 'channel');
    const refused = checkChannel(state, id, false);
    if (refused || !id) return refused ?? slackError('channel_not_found');
    const channel = state.channels?.[id] ?? { name: id.toLowerCase() };
    const isPrivate = channel.isPrivate ?? false;
    return {
      ok: true,
      channel: {
        id,
        name: channel.name,
        is_channel: !isPrivate,
        is_private: isPrivate,
        is_member: channel.isMember ?? true,
      },
    };
  },
};
