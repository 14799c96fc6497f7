/**
 * What makes one Slack delivery unique: `event_id` for Events API callbacks, `trigger_id` for a slash command or a
 * click (one per invocation). A retry or a replay of the same delivery carries the same id.
 */
export function deliveryId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { event_id: eventId, trigger_id: triggerId } = body as { event_id?: unknown; trigger_id?: unknown };
  if (typeof eventId === 'string' && eventId !== '') return `event:${eventId}`;
  if (typeof triggerId === 'string' && triggerId !== '') return `trigger:${triggerId}`;
  return undefined;
}
