import type { FakeSlackState, SlackAnswer } from './fake-slack-types.js';
import { slackError } from './slack-error.js';

/** `channel_not_found` for a channel the fixtures do not have, `not_in_channel` when the bot may not post there. */
export function checkChannel(
  state: FakeSlackState,
  channel: string | undefined,
  posting: boolean,
): SlackAnswer | undefined {
  if (!channel) return slackError('channel_not_found');
  if (posting && state.outsideChannels.has(channel)) return slackError('not_in_channel');
  if (!state.channels) return undefined;
  const known = state.channels[channel];
  if (!known) return slackError('channel_not_found');
  if (posting && known.isMember === false) return slackError('not_in_channel');
  return undefined;
}
