/** Who may approve a rollout, from configuration; group membership is looked up before deciding. */
export interface ApprovalPolicy {
  users: readonly string[];
  groups: readonly string[];
  /** Four-eyes is on unless configuration turns it off: a requester cannot approve their own plan. */
  allowSelfApproval?: boolean;
  isMember: (userId: string, groupId: string) => boolean;
}
