import type { Batch } from '../../core/rollout/plan.js';
import type { HostSelector } from '../../core/rollout/select-hosts.js';

export type RolloutVerb = 'pause' | 'resume' | 'abort' | 'rollback';

/** A `/dten …` line understood: what to do, with every value parsed and checked. */
export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'preflight'; package: string; hosts?: HostSelector }
  | {
      kind: 'plan';
      package: string;
      hosts: HostSelector;
      window?: { start: Date; minutes: number };
      canary?: number;
      batch?: Batch;
      maxErrors?: number;
      bakeSeconds?: number;
    }
  | { kind: 'status'; rolloutId?: string }
  | { kind: RolloutVerb; rolloutId: string }
  | { kind: 'extend'; rolloutId: string; minutes: number }
  | { kind: 'cleanup'; rolloutId: string; retry?: true }
  | { kind: 'hosts'; selector?: HostSelector }
  | { kind: 'lock'; env: string; reason: string }
  | { kind: 'unlock'; env: string };
