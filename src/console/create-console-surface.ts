import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ChatFile, ChatSurface, MessageRef } from '../commands/chat-surface.js';
import type { SlackMessage } from '../messages/block-kit/slack-message.js';
import type { KnownBlock } from '../messages/block-kit/types.js';
import { CONSOLE_TEXT, type ConsoleHeading } from '../messages/console/console-text.js';
import { createButtonBoard, type BoardLookup } from './create-button-board.js';
import { escapeLines } from './escape-lines.js';
import { renderBlocks } from './render-blocks.js';

export interface ConsoleSurfaceOptions {
  /** Where `upload` writes the files it is given (created when the first file comes). */
  filesDir: string;
  /** ANSI colours: for a terminal, never for a pipe. */
  color?: boolean;
  width?: number;
  /** The channel a press on the App Home answers in (default `#console`). */
  homeChannel?: string;
  now?: () => Date;
}

/** The console as a chat transport, plus what typing a button's number presses. */
export interface ConsoleSurface extends ChatSurface {
  button(number: number): BoardLookup;
}

interface Shown {
  number: number;
  channel: string;
  thread: number | string | undefined;
  /** Whispers and the App Home cannot be edited, as in Slack. */
  editable: boolean;
  /** The version on screen, so an edit that changes nothing is not printed again. */
  last?: string;
}

/**
 * Prints every message as it would appear in Slack, under a line saying which message it is (#n), where, in which
 * thread and when (UTC). Edits are printed again, marked as an edit of #n (unless they change nothing); their
 * buttons get new numbers and the old ones stop working, so a number always means one button of the version on
 * screen.
 */
export function createConsoleSurface(out: (text: string) => void, options: ConsoleSurfaceOptions): ConsoleSurface {
  const board = createButtonBoard();
  const shown = new Map<string, Shown>();
  const now = options.now ?? (() => new Date());
  let count = 0;
  const open = (channel: string, threadTs: string | undefined, editable: boolean) => {
    const at = now();
    count += 1;
    const ref: MessageRef = { channel, ts: `${Math.floor(at.getTime() / 1000)}.${String(count).padStart(6, '0')}` };
    const thread = threadTs === undefined ? undefined : (shown.get(threadTs)?.number ?? threadTs);
    const entry: Shown = { number: count, channel, thread, editable };
    shown.set(ref.ts, entry);
    return { ref, entry, heading: { number: count, channel, thread, at } satisfies ConsoleHeading };
  };
  const render = (number: number, ref: MessageRef, blocks: readonly KnownBlock[]): string => {
    const rendered = renderBlocks(blocks, {
      buttonNumbers: board.next,
      color: options.color ?? false,
      ...(options.width === undefined ? {} : { width: options.width }),
    });
    board.show(number, ref, rendered.buttons, rendered.nextButtonNumber);
    return rendered.text;
  };
  const body = (number: number, ref: MessageRef, message: SlackMessage): string =>
    render(number, ref, message.blocks.length > 0 ? message.blocks : [mrkdwnSection(message.text)]);
  const print = (heading: string, text: string): void => out(`\n${heading}\n${text}`);
  return {
    button: (number) => board.lookup(number),
    post(channel, message, post) {
      const { ref, entry, heading } = open(channel, post?.threadTs, true);
      entry.last = JSON.stringify(message);
      print(CONSOLE_TEXT.posted(heading), body(entry.number, ref, message));
      return Promise.resolve(ref);
    },
    update(ref, message) {
      const entry = shown.get(ref.ts);
      // What Slack answers for a message it does not have, or one that cannot be edited (ephemeral).
      if (entry?.channel !== ref.channel) return Promise.reject(new Error('message_not_found'));
      if (!entry.editable) return Promise.reject(new Error('cant_update_message'));
      const version = JSON.stringify(message);
      if (version === entry.last) return Promise.resolve();
      entry.last = version;
      const heading = { number: entry.number, channel: entry.channel, thread: entry.thread, at: now() };
      print(CONSOLE_TEXT.edited(heading), body(entry.number, ref, message));
      return Promise.resolve();
    },
    whisper(channel, user, message) {
      const { ref, entry, heading } = open(channel, undefined, false);
      print(CONSOLE_TEXT.whispered(heading, user), body(entry.number, ref, message));
      return Promise.resolve();
    },
    async upload(channel, files, upload) {
      const { ref, entry, heading } = open(channel, upload?.threadTs, false);
      await mkdir(options.filesDir, { recursive: true });
      const lines: string[] = [];
      if (upload?.comment) lines.push(body(entry.number, ref, { text: upload.comment, blocks: [] }));
      for (const file of files) {
        const path = join(options.filesDir, `${entry.number}-${safeFileName(file)}`);
        await writeFile(path, file.content);
        lines.push(`${path}${file.title ? `  (${escapeLines(file.title)})` : ''}`);
      }
      print(CONSOLE_TEXT.uploaded(heading, files.length), lines.join('\n'));
    },
    publishHome(user, blocks) {
      const { ref, entry, heading } = open(options.homeChannel ?? '#console', undefined, false);
      print(CONSOLE_TEXT.home(heading, user), render(entry.number, ref, blocks));
      return Promise.resolve();
    },
  };
}

function mrkdwnSection(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** A name chosen by whoever built the file: kept to one plain path segment. */
function safeFileName(file: ChatFile): string {
  const name = basename(file.filename.replace(/\\/g, '/'))
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  return name.slice(0, 100) || 'file';
}
