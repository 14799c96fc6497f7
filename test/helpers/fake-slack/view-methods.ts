import { BLOCK_KIT_LIMITS } from '../../../src/messages/block-kit/limits.js';
import type { KnownBlock } from '../../../src/messages/block-kit/types.js';
import type { MethodHandler } from './fake-slack-types.js';
import { jsonArg } from './json-arg.js';
import { invalidBlocks } from './read-message-content.js';
import { slackError } from './slack-error.js';
import { stringArg } from './string-arg.js';
import { validateBlocks } from './validate-blocks.js';

/** views.publish (the App Home tab): Slack answers a bad view with `invalid_arguments` and JSON pointers. */
export const viewMethods: Record<string, MethodHandler> = {
  'views.publish': ({ state, token, identity, args }) => {
    const userId = stringArg(args, 'user_id');
    const view = jsonArg(args.view);
    if (!userId || view === undefined || view === 'malformed') return slackError('invalid_arguments');
    const { value } = view;
    if (typeof value !== 'object' || value === null || !('type' in value) || value.type !== 'home') {
      return invalidBlocks('invalid_arguments', ['must be a valid enum value [json-pointer:/view/type]']);
    }
    const blocks = 'blocks' in value && Array.isArray(value.blocks) ? (value.blocks as unknown[]) : undefined;
    if (!blocks) return invalidBlocks('invalid_arguments', ['must be an array [json-pointer:/view/blocks]']);
    const errors = validateBlocks(blocks, BLOCK_KIT_LIMITS.blocksPerView, '/view/blocks');
    if (errors.length > 0) return invalidBlocks('invalid_arguments', errors);
    const published = { ...(value as Record<string, unknown>), type: 'home', blocks: blocks as KnownBlock[] };
    state.views.push({ userId, token, view: published });
    return { ok: true, view: { id: state.nextId('V'), team_id: identity.teamId, ...published } };
  },
};
