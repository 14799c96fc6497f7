import type { KnownBlock } from '../../../src/messages/block-kit/types.js';

/** Who a token is: what auth.test answers, and who posted a message. */
export interface FakeIdentity {
  userId: string;
  botId?: string;
  teamId: string;
  name: string;
  /** When set, a method whose scope is missing answers `missing_scope`, as Slack does. */
  scopes?: string[];
}

export interface FakeUser {
  name: string;
  realName?: string;
  tz?: string;
  isBot?: boolean;
}

export interface FakeChannel {
  name: string;
  isPrivate?: boolean;
  /** A bot that is not a member gets `not_in_channel` when it posts. Default: member. */
  isMember?: boolean;
}

export interface Revision {
  text: string;
  blocks: KnownBlock[];
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** The token that posted it: only that token may update it. */
  token: string;
  userId: string;
  /** Every version of the message, the one posted first; the last is what Slack shows now. */
  revisions: Revision[];
}

export interface FakeEphemeral extends Revision {
  channel: string;
  user: string;
  ts: string;
  token: string;
}

/** A message sent to a response_url: only `user` sees it when ephemeral. */
export interface FakeResponse extends Revision {
  channel: string;
  user: string;
  responseType: 'ephemeral' | 'in_channel';
  replaceOriginal?: boolean;
}

/** A response_url the fake handed out, for the request `user` made in `channel`. */
export interface FakeResponseUrl {
  channel: string;
  user: string;
  createdAt: number;
  uses: number;
}

export interface PublishedView {
  userId: string;
  token: string;
  view: { type: string; blocks: KnownBlock[]; [field: string]: unknown };
}

export interface UploadedFile {
  id: string;
  filename: string;
  /** The length files.getUploadURLExternal was told. */
  length: number;
  content?: Buffer;
  title?: string;
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
  completed: boolean;
  token: string;
  /** Who shared it (the uploading token's user) and when, in Unix seconds: files.list filters on both. */
  userId: string;
  created: number;
  /**
   * Opt-in misbehaviour for one test: what files.info and files.list say instead of the truth, as a Slack on a bad
   * day might: a `size` other than the bytes the download serves, another `downloadUrl`, or none (`null`); with
   * `breakAfterBytes` the download drops its connection after that many bytes. The download may also go quiet:
   * `delayHeadersMs` before it answers at all, `stallAfterBytes` to send that many bytes and then nothing (the
   * connection held open), or `trickle` to send the body in pieces of `bytes`, one every `everyMs`; with
   * `hangUpBeforeAnswer` it closes the connection before it answers at all.
   */
  claims?: {
    size?: number;
    downloadUrl?: string | null;
    breakAfterBytes?: number;
    delayHeadersMs?: number;
    stallAfterBytes?: number;
    trickle?: { bytes: number; everyMs: number };
    hangUpBeforeAnswer?: boolean;
  };
}

export interface RecordedCall {
  /** The Web API method; `upload` for a POST to an upload URL, `response_url` for one to a response_url. */
  method: string;
  token?: string;
  args: Record<string, unknown>;
  status: number;
  answer: Record<string, unknown>;
  /** When the fake answered it, in ms since the epoch. */
  at: number;
}

export type FakeFailure =
  | { status: 429; retryAfter: number; times?: number }
  | { status: 500 | 503; times?: number }
  | { error: string; times?: number }
  /** The call is taken and never answered: the connection is dropped after `stallMs`, nothing done. */
  | { stallMs: number; times?: number };

export interface FakeSlackOptions {
  /** Token → identity; default: one bot token, `FAKE_BOT_TOKEN`. */
  tokens?: Record<string, FakeIdentity>;
  users?: Record<string, FakeUser>;
  /** Usergroup id → member user ids. */
  usergroups?: Record<string, string[]>;
  /** When given, only these channels exist; otherwise any channel id is accepted. */
  channels?: Record<string, FakeChannel>;
  /** `free` makes usergroups.users.list answer `plan_upgrade_required`, as on a free workspace. */
  plan?: 'free' | 'paid';
}

/** Everything the fake knows and remembers; tests read it and may change the fixtures mid-test. */
export interface FakeSlackState {
  tokens: Record<string, FakeIdentity>;
  users: Record<string, FakeUser>;
  usergroups: Record<string, string[]>;
  channels: Record<string, FakeChannel> | undefined;
  /** Channels the bot was removed from (or never invited to): posting there answers `not_in_channel`. */
  outsideChannels: Set<string>;
  plan: 'free' | 'paid';
  calls: RecordedCall[];
  messages: FakeMessage[];
  ephemerals: FakeEphemeral[];
  responses: FakeResponse[];
  responseUrls: Map<string, FakeResponseUrl>;
  views: PublishedView[];
  files: UploadedFile[];
  failures: Map<string, FakeFailure[]>;
  /** Message timestamps like Slack's `1700000000.000042`, unique and increasing. */
  nextTs: () => string;
  nextId: (prefix: string) => string;
}

export type SlackAnswer = { ok: boolean; error?: string } & Record<string, unknown>;

export interface MethodCall {
  state: FakeSlackState;
  token: string;
  identity: FakeIdentity;
  args: Record<string, unknown>;
  /** `http://127.0.0.1:port`, for URLs the fake hands out. */
  origin: string;
}

export type MethodHandler = (call: MethodCall) => SlackAnswer;
