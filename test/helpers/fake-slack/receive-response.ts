import type { FakeSlackState } from './fake-slack-types.js';
import { isAnswer, readMessageContent } from './read-message-content.js';
import type { ReadRequest } from './read-request.js';

/** What Slack allows one response_url: five messages within thirty minutes. */
const USES = 5;
const VALID_MS = 30 * 60 * 1_000;

/**
 * A POST to a response_url the fake handed out: a JSON message, ephemeral unless `response_type` says `in_channel`,
 * kept in `responses`. Answers `ok` as Slack does; an unknown, expired or used-up URL gets a 404 (Slack's exact
 * words for those are not documented; these stand in).
 */
export function receiveResponse(
  state: FakeSlackState,
  id: string,
  request: ReadRequest,
): { status: number; text: string } {
  const url = state.responseUrls.get(id);
  if (!url || Date.now() - url.createdAt > VALID_MS) return { status: 404, text: 'expired_url' };
  if (url.uses >= USES) return { status: 404, text: 'used_url' };
  if (!request.contentType.startsWith('application/json')) return { status: 400, text: 'invalid_payload' };
  const content = readMessageContent(request.args);
  if (isAnswer(content)) return { status: 400, text: content.error ?? 'invalid_payload' };
  if (!content.text && !content.blocks?.length) return { status: 400, text: 'no_text' };
  url.uses += 1;
  const { response_type: type, replace_original: replace } = request.args;
  state.responses.push({
    channel: url.channel,
    user: url.user,
    responseType: type === 'in_channel' ? 'in_channel' : 'ephemeral',
    ...(typeof replace === 'boolean' ? { replaceOriginal: replace } : {}),
    text: content.text ?? '',
    blocks: content.blocks ?? [],
  });
  return { status: 200, text: 'ok' };
}
