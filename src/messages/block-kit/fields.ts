import { fitText } from './fit-text.js';
import { BLOCK_KIT_LIMITS } from './limits.js';

/** A label longer than this is cut so that its value still shows. */
const LABEL_SHARE = 4;

/** Label/value pairs of already-safe mrkdwn as section fields (`*Label*` over the value), each within 2,000. */
export function fields(...pairs: readonly (readonly [label: string, value: string])[]): string[] {
  const limit = BLOCK_KIT_LIMITS.fieldText;
  return pairs.map(([label, value]) => {
    const bold = `*${fitText(label, limit / LABEL_SHARE - 2)}*`;
    return `${bold}\n${fitText(value, limit - bold.length - 1)}`;
  });
}
