import { context } from '../../block-kit/context.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { header } from '../../block-kit/header.js';
import { section } from '../../block-kit/section.js';
import { COMMAND_USAGES } from '../command-usages.js';

/** `/dten help`: every command with one line on what it does. */
export function helpMessage(): SlackMessage {
  const lines = Object.values(COMMAND_USAGES).map(({ usage, summary }) => `\`/dten ${usage}\` — ${summary}`);
  return {
    text: 'dten commands',
    blocks: [
      header('dten — upgrade a fleet from a vendor package'),
      section(lines.join('\n')),
      context([
        'Hosts: `web-1,web-2` or a label selector like `env=prod,role=web`. Times are UTC: `now`, `in 30m`, `22:00`, `2026-11-28T22:00Z`.',
        'A package is a name in the package store, an https URL, or a zip shared in this channel.',
      ]),
    ],
  };
}
