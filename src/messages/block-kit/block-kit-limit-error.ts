/** An identifier or URL outside Slack's limits: cutting it would change what a click means, so it is refused. */
export class BlockKitLimitError extends Error {
  override readonly name = 'BlockKitLimitError';

  constructor(
    readonly field: string,
    readonly length: number,
    readonly limit: number,
  ) {
    super(`A Block Kit ${field} must be 1 to ${limit} characters long, not ${length}; use a shorter key.`);
  }
}
