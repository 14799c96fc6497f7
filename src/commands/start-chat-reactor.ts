import { ACTIVE_STATES } from '../core/rollout/active-states.js';
import { logUnlessRedisAway } from '../redis/log-unless-redis-away.js';
import type { ChatContext } from './chat-context.js';
import { syncRolloutMessages } from './sync-rollout-messages.js';

export interface ChatReactor {
  /** Brings one rollout's messages up to date soon (coalesced with any sync already running for it). */
  kick(rolloutId: string): void;
  /**
   * Syncs every active rollout now and resolves when no sync is left: what the store says is on screen. A store
   * change reaches the reactor a moment after it is written, so a caller that just saw a state kicks it itself.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps chat in step with rollouts: every change the rollout store announces (from any replica) syncs that rollout's
 * messages, one sync per rollout at a time with changes during a sync folded into one more. A sweep of the active
 * rollouts catches what a lost notification missed and moves the window countdown on.
 */
export async function startChatReactor(ctx: ChatContext, options: { sweepMs?: number } = {}): Promise<ChatReactor> {
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  const kick = (rolloutId: string): void => {
    if (running.has(rolloutId)) {
      dirty.add(rolloutId);
      return;
    }
    const sync = syncRolloutMessages(ctx, rolloutId)
      .catch(logUnlessRedisAway(ctx.log, 'could not update the chat of a rollout', { rolloutId }))
      .finally(() => {
        running.delete(rolloutId);
        if (dirty.delete(rolloutId)) kick(rolloutId);
      });
    running.set(rolloutId, sync);
  };
  const kickActive = async (): Promise<void> => {
    const rollouts = await ctx.control.store.list(100);
    rollouts.filter((r) => ACTIVE_STATES.has(r.state)).forEach((r) => kick(r.id));
  };
  const drained = async (): Promise<void> => {
    while (running.size > 0) await Promise.all([...running.values()]);
  };
  const stopWatching = ctx.control.store.watch ? await ctx.control.store.watch(kick) : undefined;
  const sweep = setInterval(() => {
    kickActive().catch(logUnlessRedisAway(ctx.log, 'chat sweep failed'));
  }, options.sweepMs ?? 30_000);
  sweep.unref();
  return {
    kick,
    async settle() {
      await kickActive();
      await drained();
    },
    async close() {
      clearInterval(sweep);
      await stopWatching?.();
      await drained();
    },
  };
}
