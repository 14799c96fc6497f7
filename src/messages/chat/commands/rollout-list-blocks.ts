import { ACTIVE_STATES } from '../../../core/rollout/active-states.js';
import type { Rollout } from '../../../core/rollout/rollout.js';
import { capItems } from '../../block-kit/cap-items.js';
import { section } from '../../block-kit/section.js';
import type { KnownBlock } from '../../block-kit/types.js';
import { describeRolloutLine } from './describe-rollout-line.js';

/** Active rollouts first, then recent ones, newest first; shared by `/dten status` and the App Home tab. */
export function rolloutListBlocks(rollouts: readonly Rollout[], maxLines = 20): KnownBlock[] {
  const active = rollouts.filter((rollout) => ACTIVE_STATES.has(rollout.state));
  const recent = rollouts.filter((rollout) => !ACTIVE_STATES.has(rollout.state));
  const list = (title: string, items: readonly Rollout[], none: string): KnownBlock =>
    section(
      `*${title}*\n${items.length === 0 ? none : capItems(items.map(describeRolloutLine), maxLines, (more) => `_${more}_`).join('\n')}`,
    );
  return [list('Active', active, 'No rollout is active.'), list('Recent', recent, 'None yet.')];
}
