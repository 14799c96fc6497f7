import type { Verdict } from '../preflight/preflight-report.js';
import type { MessageRef } from './chat-surface.js';

/** Where a rollout lives in chat: the thread it was planned in and the messages the bot keeps up to date. */
export interface ChatRecord {
  rolloutId: string;
  channel: string;
  /** The plan message; the approval card and progress go in its thread. */
  threadTs: string;
  preflightVerdict?: Verdict;
  approvalCard?: MessageRef;
  progress?: MessageRef;
}

/**
 * Chat bookkeeping beside the rollout store (the core's record knows nothing of channels). `claim` makes each
 * announcement happen once even with several bot replicas watching the same rollouts.
 */
export interface ChatRecordStore {
  get(rolloutId: string): Promise<ChatRecord | undefined>;
  put(record: ChatRecord): Promise<void>;
  /** Sets one message of the record, leaving the rest as another replica may just have written it. */
  setMessage(rolloutId: string, which: 'approvalCard' | 'progress', ref: MessageRef): Promise<void>;
  /** True for the first caller only, per rollout and key (an audit entry announced, a card posted). */
  claim(rolloutId: string, key: string): Promise<boolean>;
}
