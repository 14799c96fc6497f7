import type { Rollout } from '../core/rollout/rollout.js';

/**
 * Where rollouts live between steps. Every change goes through `update`, which applies it against the version
 * it read, so two bot replicas (or a command racing the step job) never overwrite each other's change.
 */
export interface RolloutStore {
  /**
   * Refuses an id that exists: a rollout is created once. A rollout holds its targets until it is over: creating one
   * whose targets another rollout holds throws `HostsBusy`, as does a change that brings an ended rollout back (a
   * cleanup run again) while another holds its hosts.
   */
  create(rollout: Rollout): Promise<void>;
  get(id: string): Promise<Rollout | undefined>;
  /**
   * Re-reads and re-applies `change` until it lands on the version it read. `change` returns the rollout
   * unchanged (the same object) to write nothing. Throws when there is no such rollout.
   */
  update(id: string, change: (rollout: Rollout) => Rollout): Promise<Rollout>;
  /** Which of `hosts` a rollout holds (one not over, or a failed one the hosts it left changed): host → rollout id. */
  holdersOf(hosts: readonly string[]): Promise<Map<string, string>>;
  /**
   * For a rollout not over that holds none of its hosts (one an earlier dten made, before rollouts held hosts): claims
   * the targets no other rollout holds, and returns how many. Changes nothing for any other rollout.
   */
  adoptHosts(rollout: Rollout): Promise<number>;
  /** The newest first. */
  list(limit: number): Promise<Rollout[]>;
  /** Makes a new driver the only one: step jobs of earlier drivers see they were superseded and stop. */
  nextDriver(id: string): Promise<number>;
  currentDriver(id: string): Promise<number>;
  /** Called with the rollout's id after each change that landed (any replica). Returns a function that stops it. */
  watch?(listener: (id: string) => void): Promise<() => Promise<void>>;
}
