import { checkChannel } from './check-channel.js';
import type { MethodHandler, UploadedFile } from './fake-slack-types.js';
import { jsonArg } from './json-arg.js';
import { isAnswer, readMessageContent } from './read-message-content.js';
import { slackError } from './slack-error.js';
import { stringArg } from './string-arg.js';

/**
 * The two Web API halves of `filesUploadV2` (the bytes go to the upload URL in between, see `receiveUpload`), and
 * files.info / files.list over what was shared, newest first, with a `url_private_download` the fake serves.
 */
export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': ({ state, token, identity, args, origin }) => {
    const filename = stringArg(args, 'filename');
    const length = Number(stringArg(args, 'length'));
    if (!filename || !Number.isInteger(length) || length < 0) return slackError('invalid_arguments');
    const id = state.nextId('F');
    const created = Math.floor(Date.now() / 1000);
    state.files.push({ id, filename, length, completed: false, token, userId: identity.userId, created });
    return { ok: true, upload_url: `${origin}/upload/v1/${id}`, file_id: id };
  },

  'files.completeUploadExternal': ({ state, token, args }) => {
    const listed = jsonArg(args.files);
    if (listed === undefined || listed === 'malformed' || !Array.isArray(listed.value)) {
      return slackError('invalid_arguments');
    }
    const entries = listed.value as { id?: unknown; title?: unknown }[];
    const files = entries.map((entry) => state.files.find((f) => f.id === entry.id && f.token === token));
    if (files.some((file) => !file?.content)) return slackError('file_not_found');
    const channelId = stringArg(args, 'channel_id');
    const refused = channelId === undefined ? undefined : checkChannel(state, channelId, true);
    if (refused) return refused;
    const content = readMessageContent(args, 'initial_comment');
    if (isAnswer(content)) return content;
    const threadTs = stringArg(args, 'thread_ts');
    const completed = files.map((file, index) => {
      const done = file as UploadedFile;
      const title = entries[index]?.title;
      done.completed = true;
      if (typeof title === 'string') done.title = title;
      if (channelId) done.channelId = channelId;
      if (threadTs) done.threadTs = threadTs;
      if (content.text !== undefined) done.initialComment = content.text;
      return { id: done.id, name: done.filename, title: done.title ?? done.filename, size: done.content?.length ?? 0 };
    });
    return { ok: true, files: completed };
  },

  'files.info': ({ state, identity, args, origin }) => {
    const file = state.files.find((f) => f.id === stringArg(args, 'file') && f.completed);
    return file ? { ok: true, file: describeFile(file, identity.teamId, origin) } : slackError('file_not_found');
  },

  'files.list': ({ state, identity, args, origin }) => {
    const channel = stringArg(args, 'channel');
    const user = stringArg(args, 'user');
    const from = Number(stringArg(args, 'ts_from') ?? 0);
    const zipsOnly = (stringArg(args, 'types') ?? 'all').split(',').includes('zips');
    const files = state.files
      .filter((f) => f.completed && (!channel || f.channelId === channel) && (!user || f.userId === user))
      .filter((f) => f.created >= from && (!zipsOnly || f.filename.toLowerCase().endsWith('.zip')))
      .reverse()
      .map((f) => describeFile(f, identity.teamId, origin));
    return { ok: true, files, paging: { count: files.length, total: files.length, page: 1, pages: 1 } };
  },
};

function describeFile(file: UploadedFile, teamId: string, origin: string): Record<string, unknown> {
  const zip = file.filename.toLowerCase().endsWith('.zip');
  const download =
    file.claims?.downloadUrl === undefined
      ? `${origin}/files-pri/${teamId}-${file.id}/download/${encodeURIComponent(file.filename)}`
      : file.claims.downloadUrl;
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    user: file.userId,
    created: file.created,
    size: file.claims?.size ?? file.content?.length ?? file.length,
    filetype: zip ? 'zip' : 'text',
    mimetype: zip ? 'application/zip' : 'text/plain',
    channels: file.channelId ? [file.channelId] : [],
    url_private: `${origin}/files-pri/${teamId}-${file.id}/${encodeURIComponent(file.filename)}`,
    ...(download === null ? {} : { url_private_download: download }),
  };
}
