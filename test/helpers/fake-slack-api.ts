import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatMethods } from './fake-slack/chat-methods.js';
import { createFakeSlackState } from './fake-slack/create-fake-slack-state.js';
import { directoryMethods } from './fake-slack/directory-methods.js';
import type {
  FakeFailure,
  FakeSlackOptions,
  FakeSlackState,
  MethodHandler,
  Revision,
  SlackAnswer,
} from './fake-slack/fake-slack-types.js';
import { fileMethods } from './fake-slack/file-methods.js';
import { readRequest, type ReadRequest } from './fake-slack/read-request.js';
import { receiveResponse } from './fake-slack/receive-response.js';
import { receiveUpload } from './fake-slack/receive-upload.js';
import { sendFileBytes } from './fake-slack/send-file-bytes.js';
import { slackError } from './fake-slack/slack-error.js';
import { viewMethods } from './fake-slack/view-methods.js';

export { FAKE_BOT, FAKE_BOT_TOKEN } from './fake-slack/create-fake-slack-state.js';
export type * from './fake-slack/fake-slack-types.js';

const METHODS: Record<string, MethodHandler> = { ...chatMethods, ...directoryMethods, ...viewMethods, ...fileMethods };

/** The scope each method needs; a token whose identity lists scopes is held to them. */
const SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'usergroups.users.list': 'usergroups:read',
  'users.info': 'users:read',
  'conversations.info': 'channels:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'files.info': 'files:read',
  'files.list': 'files:read',
};

export interface FakeSlackApi extends Pick<
  FakeSlackState,
  'calls' | 'messages' | 'ephemerals' | 'responses' | 'views' | 'files' | 'users' | 'usergroups' | 'tokens'
> {
  /** The Web API base, ending in `/api/`: pass it as `slackApiUrl` (WebClient) or `clientOptions.slackApiUrl` (Bolt). */
  url: string;
  /** `free` makes usergroups.users.list answer `plan_upgrade_required`; may change mid-test. */
  plan: 'free' | 'paid';
  /**
   * A response_url for a request `user` makes in `channel` (put it in the slash command or click): a POST of JSON
   * to it lands in `responses` and in `calls` as `response_url`, five times within thirty minutes.
   */
  responseUrl(channel: string, user: string): string;
  /** From now on the bot is not in `channel` (never invited, or removed): posting there answers `not_in_channel`. */
  removeBotFrom(channel: string): void;
  /** Every version of one message, first posted first. */
  revisions(channel: string, ts: string): Revision[];
  /** The next `times` (default 1) calls of `method` fail this way, before the token is even looked at. */
  failNext(method: string, failure: FakeFailure): void;
  /** Calls of `method` wait, unanswered, until the returned function is called (work a test holds mid-flight). */
  hold(method: string): () => void;
  close(): Promise<void>;
}

/**
 * A local Slack Web API for tests (the only stand-in dten has: no machine here reaches Slack). It answers what
 * @slack/web-api 8 sends, records every call, keeps every message's revisions and refuses what Slack refuses:
 * Block Kit limits (`invalid_blocks`), edits by another token (`cant_update_message`), rate limits on demand.
 */
export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const state = createFakeSlackState(options);
  const held = new Map<string, Promise<void>>();
  const server = createServer((request, response) => {
    const method = /^\/api\/([\w.]+)$/.exec(request.url?.split('?')[0] ?? '')?.[1];
    const wait = (method === undefined ? undefined : held.get(method)) ?? Promise.resolve();
    wait
      .then(() => handle(state, method, request, response))
      .catch(() => send(response, 500, slackError('fatal_error')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { calls, messages, ephemerals, responses, views, files, users, usergroups, tokens } = state;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    messages,
    ephemerals,
    responses,
    views,
    files,
    users,
    usergroups,
    tokens,
    get plan() {
      return state.plan;
    },
    set plan(plan) {
      state.plan = plan;
    },
    responseUrl: (channel, user) => {
      const id = state.nextId('R');
      state.responseUrls.set(id, { channel, user, createdAt: Date.now(), uses: 0 });
      return `http://127.0.0.1:${port}/respond/${id}`;
    },
    removeBotFrom: (channel) => void state.outsideChannels.add(channel),
    revisions: (channel, ts) => messages.find((m) => m.channel === channel && m.ts === ts)?.revisions ?? [],
    failNext: (method, failure) => {
      const queue = state.failures.get(method) ?? [];
      for (let i = 0; i < (failure.times ?? 1); i += 1) queue.push(failure);
      state.failures.set(method, queue);
    },
    hold: (method) => {
      let release = (): void => undefined;
      held.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(method);
        release();
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  state: FakeSlackState,
  method: string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
  const path = new URL(request.url ?? '/', origin).pathname;
  const upload = /^\/upload\/v1\/([A-Z0-9]+)$/.exec(path)?.[1];
  const respond = /^\/respond\/([A-Z0-9]+)$/.exec(path)?.[1];
  const download = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\/download\//.exec(path)?.[1];
  let read: ReadRequest;
  try {
    read = await readRequest(request);
  } catch {
    return send(response, 200, record(state, method ?? path, {}, 200, slackError('invalid_json')));
  }
  if (upload !== undefined) {
    const { status, text } = receiveUpload(state, upload, read);
    record(state, 'upload', { file_id: upload }, status, { ok: status === 200 }, read.token);
    response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    return;
  }
  if (respond !== undefined) {
    const { status, text } = receiveResponse(state, respond, read);
    record(state, 'response_url', { response_url: respond, ...read.args }, status, { ok: status === 200 });
    response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    return;
  }
  if (download !== undefined) return serveDownload(state, download, read, response);
  if (method === undefined) return send(response, 404, slackError('unknown_method'));
  const failure = state.failures.get(method)?.shift();
  if (failure) return sendFailure(state, method, read, failure, response);
  const answer = answerCall(state, method, read, origin);
  send(response, 200, record(state, method, read.args, 200, answer, read.token));
}

function answerCall(state: FakeSlackState, method: string, read: ReadRequest, origin: string): SlackAnswer {
  const handler = METHODS[method];
  if (!handler) return slackError('unknown_method', { req_method: method });
  if (!read.token) return slackError('not_authed');
  const identity = state.tokens[read.token];
  if (!identity) return slackError('invalid_auth');
  const needed = SCOPES[method];
  if (needed && identity.scopes && !identity.scopes.includes(needed)) {
    return slackError('missing_scope', { needed, provided: identity.scopes.join(',') });
  }
  return handler({ state, token: read.token, identity, args: read.args, origin });
}

/** A shared file's bytes for a token that may read files; anyone else gets Slack's sign-in page, with a 200. */
function serveDownload(state: FakeSlackState, fileId: string, read: ReadRequest, response: ServerResponse): void {
  const identity = read.token === undefined ? undefined : state.tokens[read.token];
  const allowed = identity !== undefined && (!identity.scopes || identity.scopes.includes('files:read'));
  const file = state.files.find((f) => f.id === fileId && f.completed);
  record(state, 'download', { file_id: fileId }, file ? 200 : 404, { ok: allowed && !!file }, read.token);
  if (!file) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  if (!allowed) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return void response.end('<!DOCTYPE html><html><body>Sign in to your workspace</body></html>');
  }
  sendFileBytes(response, file);
}

function sendFailure(
  state: FakeSlackState,
  method: string,
  read: ReadRequest,
  failure: FakeFailure,
  response: ServerResponse,
): void {
  if ('error' in failure)
    return send(response, 200, record(state, method, read.args, 200, slackError(failure.error), read.token));
  if ('stallMs' in failure) {
    record(state, method, read.args, 0, slackError('no_answer'), read.token);
    const timer = setTimeout(() => response.destroy(), failure.stallMs);
    return void response.on('close', () => clearTimeout(timer));
  }
  const answer = record(
    state,
    method,
    read.args,
    failure.status,
    slackError(failure.status === 429 ? 'ratelimited' : 'fatal_error'),
    read.token,
  );
  const headers: Record<string, string> = failure.status === 429 ? { 'retry-after': String(failure.retryAfter) } : {};
  send(response, failure.status, answer, headers);
}

function record(
  state: FakeSlackState,
  method: string,
  args: Record<string, unknown>,
  status: number,
  answer: SlackAnswer,
  token?: string,
): SlackAnswer {
  state.calls.push({ method, ...(token === undefined ? {} : { token }), args, status, answer, at: Date.now() });
  return answer;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
}
