/** The ids of the approval card's buttons and their block: the Bolt listeners match on these. */
export const APPROVE_ACTION_ID = 'dten-approve';
export const REJECT_ACTION_ID = 'dten-reject';
export const APPROVAL_BLOCK_ID = 'dten-approval';
