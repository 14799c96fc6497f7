/**
 * A rollout would take hosts another rollout still holds. A host takes one rollout at a time, from the plan until that
 * rollout is over: two rollouts interleaving their installs and rollbacks on one host would leave it on neither.
 */
export class HostsBusy extends Error {
  constructor(
    readonly rolloutId: string,
    /** Each host asked for that another rollout holds → the rollout holding it. */
    readonly holders: ReadonlyMap<string, string>,
  ) {
    super(`rollout ${rolloutId}: ${holders.size} host(s) are in another rollout`);
    this.name = 'HostsBusy';
  }
}
