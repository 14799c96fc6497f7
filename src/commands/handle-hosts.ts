import { describeHolders } from '../control/check-hosts-free.js';
import { hostsMessage } from '../messages/chat/commands/hosts-message.js';
import type { ChatContext } from './chat-context.js';
import type { CommandRequest } from './command-request.js';
import type { ParsedCommand } from './parse/parsed-command.js';
import { describeSelector, selectTargets } from './select-targets.js';

/**
 * `/dten hosts [selector]`: the hosts whose agents registered and the rollouts holding them (a failed or done one
 * holds those it left changed), to the person who asked.
 */
export async function handleHosts(
  ctx: ChatContext,
  request: CommandRequest,
  command: Extract<ParsedCommand, { kind: 'hosts' }>,
): Promise<void> {
  const registered = await ctx.hosts.list();
  const hosts = command.selector ? selectTargets(command.selector, registered) : registered;
  const aliveSince = new Date(ctx.now().getTime() - ctx.control.settings.silenceMs);
  const holders = await ctx.control.store.holdersOf(hosts.map((host) => host.hostId));
  const ended = (await describeHolders(ctx.control, holders)).filter(
    (holder) => holder.state === 'failed' || holder.state === 'done',
  );
  const held = { aliveSince, holders, endedHolders: new Map(ended.map((holder) => [holder.rolloutId, holder.state])) };
  const message = hostsMessage(
    hosts,
    command.selector ? { selector: describeSelector(command.selector), ...held } : held,
  );
  await ctx.surface.whisper(request.channel, request.user, message);
}
