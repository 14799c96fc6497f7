import { describeHolders } from '../control/check-hosts-free.js';
import { hostsMessage } from '../messages/chat/commands/hosts-message.js';
import type { ChatContext } from './chat-context.js';
import type { CommandRequest } from './command-request.js';
import type { ParsedCommand } from './parse/parsed-command.js';
import { describeSelector, selectTargets } from './select-targets.js';

/**
 * `/dten hosts [selector]`: the hosts whose agents registered and the rollouts holding them (a failed one holds those
 * it left changed), to the person who asked.
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
  const failed = (await describeHolders(ctx.control, holders)).filter((holder) => holder.state === 'failed');
  const held = { aliveSince, holders, failedHolders: new Set(failed.map((holder) => holder.rolloutId)) };
  const message = hostsMessage(
    hosts,
    command.selector ? { selector: describeSelector(command.selector), ...held } : held,
  );
  await ctx.surface.whisper(request.channel, request.user, message);
}
