/** The store could not do what was asked: the rollout exists already, is missing, or kept changing under us. */
export class RolloutConflict extends Error {
  constructor(
    readonly rolloutId: string,
    readonly reason: 'exists' | 'missing' | 'contended',
  ) {
    super(`rollout ${rolloutId}: ${reason}`);
    this.name = 'RolloutConflict';
  }
}
