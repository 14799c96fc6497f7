import { BlockKitLimitError } from './block-kit-limit-error.js';

/** Returns `value` when Slack accepts its length; a button value, action_id, block_id or URL is never truncated. */
export function checkIdentifier(field: string, value: string, limit: number): string {
  if (value.length === 0 || value.length > limit) throw new BlockKitLimitError(field, value.length, limit);
  return value;
}
