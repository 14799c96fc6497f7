import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { answerProblem } from '../commands/answer-problem.js';
import { buildHomeView } from '../commands/build-home-view.js';
import type { ChatContext } from '../commands/chat-context.js';
import { runCommand } from '../commands/run-command.js';
import { CONSOLE_TEXT } from '../messages/console/console-text.js';
import type { ConsoleOutput } from './create-console-output.js';
import type { ConsoleSurface } from './create-console-surface.js';
import { parseConsoleLine, type ConsoleInput } from './parse-console-line.js';
import { pressConsoleButton, type PendingPress } from './press-console-button.js';
import { waitUntilStill } from './wait-until-still.js';

export interface ConsoleLoopOptions {
  /** The command layer's context; its surface is the console's. */
  ctx: ChatContext & { surface: ConsoleSurface };
  input: NodeJS.ReadableStream;
  output: ConsoleOutput;
  /** Where a person types: the loop prompts there with the current identity. Absent for a pipe or a file. */
  terminal?: NodeJS.WritableStream | undefined;
  user: string;
  /** Default `#console`. */
  channel?: string;
  /** True while a rollout moves on its own; when piped input ends, the loop waits until this is false. */
  isMoving: () => Promise<boolean>;
  /** Brings chat up to date with the store (the reactor's settle), so a wait ends with the messages shown. */
  settle?: () => Promise<void>;
  /** The longest wait for moving rollouts (`:wait rollout done` and the end of piped input). Default 15 min. */
  drainTimeoutMs?: number;
  pollMs?: number;
  /** Ends the loop at once, without waiting for rollouts (SIGTERM). */
  signal?: AbortSignal;
}

const DEFAULT_DRAIN_MS = 15 * 60_000;

/**
 * The console's read-act loop: one line at a time, each handled to the end before the next is read (so a piped
 * script runs in order). `:quit`, Ctrl-C, Ctrl-D or `signal` end it; the end of piped input first waits until no
 * rollout is moving, so a script's rollout finishes before the console stops.
 */
export async function runConsole(options: ConsoleLoopOptions): Promise<void> {
  if (options.signal?.aborted) return;
  const { ctx, output, terminal } = options;
  const channel = options.channel ?? '#console';
  const drainMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_MS;
  const print = (text: string): void => output.print(text);
  const rl = createInterface({
    input: options.input,
    ...(terminal ? { output: terminal, terminal: true } : { terminal: false }),
    crlfDelay: Infinity,
  });
  const close = (): void => rl.close();
  options.signal?.addEventListener('abort', close, { once: true });
  rl.on('SIGINT', close);
  let user = options.user;
  let pending: PendingPress | undefined;
  let quit = false;
  const awaitLine = (): void => {
    if (!terminal) return;
    rl.setPrompt(CONSOLE_TEXT.prompt(user));
    output.promptAt(rl);
    rl.prompt();
  };
  const waitForRollouts = async (): Promise<void> => {
    if (await options.isMoving().catch(() => false)) {
      print(CONSOLE_TEXT.waitingForRollouts(Math.round(drainMs / 60_000)));
      const done = await waitUntilStill(options.isMoving, {
        timeoutMs: drainMs,
        ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!done && !options.signal?.aborted) print(CONSOLE_TEXT.stoppedWaiting(Math.round(drainMs / 60_000)));
    }
    // The store is still; the card or the final progress edit for that state may not be printed yet.
    await options.settle?.().catch((error: unknown) => ctx.log.warn({ err: error }, 'could not bring chat up to date'));
  };
  const act = async (input: ConsoleInput): Promise<void> => {
    switch (input.kind) {
      case 'empty':
        return;
      case 'command':
        return runCommand(ctx, { text: input.text, user, channel });
      case 'press':
        if (input.number === undefined) return print(CONSOLE_TEXT.pressUsage);
        pending = await pressConsoleButton(ctx, print, { number: input.number, user, answer: input.answer });
        return;
      case 'as':
        if (input.user === undefined) return print(CONSOLE_TEXT.asUsage);
        user = input.user;
        return print(CONSOLE_TEXT.becameUser(user));
      case 'home':
        try {
          return await ctx.surface.publishHome(user, await buildHomeView(ctx, user));
        } catch (error) {
          return answerProblem(ctx.surface, { channel, user }, error, ctx.log);
        }
      case 'wait':
        if (input.seconds === undefined) return print(CONSOLE_TEXT.waitUsage);
        await sleep(input.seconds * 1000, undefined, { signal: options.signal }).catch(() => undefined);
        return;
      case 'wait-rollouts':
        return waitForRollouts();
      case 'help':
        return print(CONSOLE_TEXT.help);
      case 'quit':
        quit = true;
        return close();
      case 'unknown':
        return print(CONSOLE_TEXT.unknown(input.line));
      case 'not-a-command':
        return print(CONSOLE_TEXT.notACommand);
    }
  };
  try {
    awaitLine();
    for await (const line of rl) {
      output.promptAt(undefined);
      const asked = pending;
      pending = undefined;
      if (asked && asked.answers.includes(line.trim().toLowerCase())) {
        await pressConsoleButton(ctx, print, { number: asked.number, user: asked.user, answer: line });
      } else {
        // Anything else is not an answer: the press is dropped and the line is read as usual.
        if (asked) print(CONSOLE_TEXT.notPressed(asked.number));
        await act(parseConsoleLine(line));
      }
      if (quit) break;
      awaitLine();
    }
  } finally {
    output.promptAt(undefined);
    options.signal?.removeEventListener('abort', close);
    rl.close();
  }
  if (!quit && !terminal && !options.signal?.aborted) await waitForRollouts();
}
