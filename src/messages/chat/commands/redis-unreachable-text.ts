/** What a person reads when dten could not reach Redis for their command: not their mistake, and likely brief. */
export function redisUnreachableText(): string {
  return 'dten cannot reach Redis, where it keeps rollouts and their queues, so this could not be done now. Try again in a minute: `/dten status` then shows whether it took effect. If it lasts, tell whoever runs dten.';
}
