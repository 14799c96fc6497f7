import { preflightReportMessage } from '../messages/chat/preflight/preflight-report-message.js';
import type { ChatContext } from './chat-context.js';
import type { CommandRequest } from './command-request.js';
import type { ParsedCommand } from './parse/parsed-command.js';
import { selectTargets } from './select-targets.js';

/**
 * `/dten preflight <package> [on <hosts>]`: the static report in the channel (full report attached when it does
 * not fit); with hosts, the dependency ranges are checked against what their agents say is installed.
 */
export async function handlePreflight(
  ctx: ChatContext,
  request: CommandRequest,
  command: Extract<ParsedCommand, { kind: 'preflight' }>,
): Promise<void> {
  const targets = command.hosts ? selectTargets(command.hosts, await ctx.hosts.list()) : undefined;
  const pkg = await ctx.packages.resolve(command.package, request.files ?? []);
  const inventory = targets && Object.fromEntries(targets.map((host) => [host.hostId, host.components]));
  const { report } = await ctx.checkPackage(pkg, inventory ? { inventory } : {});
  const message = preflightReportMessage(report, { packageName: pkg.name });
  const posted = await ctx.surface.post(request.channel, { text: message.text, blocks: message.blocks });
  if (message.attachments.length > 0) {
    await ctx.surface.upload(request.channel, message.attachments, {
      threadTs: posted.ts,
      comment: 'The full preflight report',
    });
  }
  ctx.log.info({ package: pkg.name, verdict: report.verdict, findings: report.findings.length }, 'preflight reported');
}
