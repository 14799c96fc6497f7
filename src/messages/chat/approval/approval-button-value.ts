import { z } from 'zod';

/** What an Approve or Reject button carries: the decision is bound to the digest of the plan the card showed. */
export const approvalButtonValueSchema = z.strictObject({
  rolloutId: z.string().min(1),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});

export type ApprovalButtonValue = z.output<typeof approvalButtonValueSchema>;
