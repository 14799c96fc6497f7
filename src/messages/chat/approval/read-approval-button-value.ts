import { approvalButtonValueSchema, type ApprovalButtonValue } from './approval-button-value.js';

/** The rollout and plan digest from a clicked button's `value`; undefined when it is not one of ours. */
export function readApprovalButtonValue(value: string | undefined): ApprovalButtonValue | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const result = approvalButtonValueSchema.safeParse(parsed);
  return result.success ? result.data : undefined;
}
