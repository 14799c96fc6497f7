import type { Rollout } from '../../../core/rollout/rollout.js';
import { context } from '../../block-kit/context.js';
import { header } from '../../block-kit/header.js';
import type { KnownBlock } from '../../block-kit/types.js';
import { formatUtc } from '../format-utc.js';
import { rolloutListBlocks } from './rollout-list-blocks.js';

/** The App Home tab: active and recent rollouts with their state. */
export function homeViewBlocks(rollouts: readonly Rollout[], now: Date): KnownBlock[] {
  return [
    header('dten rollouts'),
    ...rolloutListBlocks(rollouts, 40),
    context([`updated ${formatUtc(now)} · \`/dten status <rollout>\` shows one in detail`]),
  ];
}
