/** A mistake the person can fix. The words live in `src/messages/user-error-text.ts`, keyed by code. */
export interface UserErrorParams {
  usage: { problem: string };
  'file-not-found': { what: string; path: string };
  'file-unreadable': { what: string; path: string; reason: string };
  'file-is-folder': { what: string; path: string };
  'inventory-invalid': { path: string; problem: string };
  'policy-invalid': { path: string; problem: string };
  'probes-invalid': { path: string; problem: string };
  'trust-invalid': { path: string; problem: string };
  'config-invalid': { variable: string; problem: string };
  'config-missing': { variable: string; why: string };
  /** Redis did not answer at start-up: not there, or REDIS_URL points elsewhere. */
  'redis-unreachable': { where: string; reason: string };
  'plan-invalid': { problem: string };
  'rollout-not-found': { id: string };
  'rollout-refused': { id: string; state: string; action: string };
  /** Hosts another rollout holds (a host takes one rollout at a time): each such rollout, its state, its hosts. */
  'hosts-busy': { rollouts: Array<{ rolloutId: string; state: string; hosts: string[] }> };
  'nothing-to-retry': { id: string };
  /** Abort of a failed (or done) rollout that keeps no host: `letGo` when a person already let them go. */
  'nothing-kept': { id: string; state: string; letGo: boolean };
  'command-invalid': { problem: string; usage: string };
  'package-unavailable': { reference: string; reason: string };
  'package-blocked': { name: string; blockers: number };
  'hosts-unknown': { ids: string[] };
  'hosts-none': { selector: string };
  'environment-locked': { env: string; by: string; reason: string; at: string };
  /** The chat transport may not post in the conversation the command came from (Slack: bot not invited). */
  'not-in-channel': { channel: string };
}

export type UserErrorCode = keyof UserErrorParams;

export class UserError<C extends UserErrorCode = UserErrorCode> extends Error {
  constructor(
    readonly code: C,
    readonly params: UserErrorParams[C],
  ) {
    super(`user error: ${code}`);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
