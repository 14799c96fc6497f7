/** A decided approval: bound to one plan digest, used once, and worthless after the window ends. */
export interface Approval {
  digest: string;
  verdict: 'approve' | 'reject';
  approver: string;
  requester: string;
  decidedAt: string;
  expiresAt: string;
}
