import type { FakeSlackState } from './fake-slack-types.js';
import type { ReadRequest } from './read-request.js';

/**
 * The upload URL files.getUploadURLExternal handed out: takes the bytes, raw or as the one file of a multipart
 * form (web-api 8 sends a form field `body`), and answers `OK - <bytes>` as Slack's file servers do.
 */
export function receiveUpload(
  state: FakeSlackState,
  fileId: string,
  request: ReadRequest,
): { status: number; text: string } {
  const file = state.files.find((f) => f.id === fileId);
  if (!file || file.content) return { status: 404, text: 'Not Found' };
  const parts = Object.values(request.args).filter((value): value is Buffer => Buffer.isBuffer(value));
  const content = request.contentType.startsWith('multipart/form-data') ? parts[0] : request.body;
  if (!content) return { status: 400, text: 'Bad Request' };
  file.content = content;
  return { status: 200, text: `OK - ${content.length}` };
}
