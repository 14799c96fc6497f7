import type { Rollout } from '../../../core/rollout/rollout.js';
import type { SlackMessage } from '../../block-kit/slack-message.js';
import { section } from '../../block-kit/section.js';
import { buildStatusVariables, type StatusContext } from './build-status-variables.js';
import { renderStatusUpdate } from './render-status-update.js';
import type { StatusKind } from './status-placeholders.js';
import type { StatusTemplates } from './status-template.js';

/** A customer-facing status update from the organisation's template, ready to post in the status channel. */
export function statusUpdateMessage(
  templates: StatusTemplates,
  rollout: Rollout,
  kind: StatusKind,
  context: StatusContext,
): SlackMessage {
  const text = renderStatusUpdate(templates[kind], buildStatusVariables(rollout, kind, context));
  return { text, blocks: [section(text)] };
}
