import { UserError } from '../core/errors/user-error.js';
import type { ControlContext } from './control-context.js';
import { HostsBusy } from './hosts-busy.js';

/**
 * Refuses hosts another rollout holds, before a plan does any work for them. The store claims them again when the
 * rollout is created, which is what settles two plans racing for the same hosts.
 */
export async function checkHostsFree(ctx: ControlContext, hosts: readonly string[]): Promise<void> {
  const holders = await ctx.store.holdersOf(hosts);
  if (holders.size > 0) throw await hostsBusyError(ctx, holders);
}

/** A rollout holding some of the hosts asked about: its state and which of them. */
export interface HoldingRollout {
  rolloutId: string;
  /** `unknown` when its record is gone since. */
  state: string;
  hosts: string[];
}

/** The rollouts behind `holders` (host → rollout id), each read once, with the hosts each holds. */
export async function describeHolders(
  ctx: ControlContext,
  holders: ReadonlyMap<string, string>,
): Promise<HoldingRollout[]> {
  const byRollout = new Map<string, string[]>();
  for (const [host, rolloutId] of holders) byRollout.set(rolloutId, [...(byRollout.get(rolloutId) ?? []), host]);
  return Promise.all(
    [...byRollout].map(async ([rolloutId, hosts]) => ({
      rolloutId,
      hosts,
      state: (await ctx.store.get(rolloutId))?.state ?? 'unknown',
    })),
  );
}

/** `HostsBusy` as the person reads it: each rollout holding some of the hosts, its state and which hosts. */
export async function hostsBusyError(
  ctx: ControlContext,
  holders: HostsBusy['holders'],
): Promise<UserError<'hosts-busy'>> {
  return new UserError('hosts-busy', { rollouts: await describeHolders(ctx, holders) });
}

/** Runs `work`, answering `HostsBusy` from the store as the person reads it. */
export async function refusingBusyHosts<T>(ctx: ControlContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HostsBusy) throw await hostsBusyError(ctx, error.holders);
    throw error;
  }
}
