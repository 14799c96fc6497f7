import type { ChatContext } from '../commands/chat-context.js';
import type { ButtonPress } from '../commands/command-request.js';
import { pressButton } from '../commands/press-button.js';
import { CONSOLE_TEXT } from '../messages/console/console-text.js';
import type { ConsoleSurface } from './create-console-surface.js';

export interface ConsolePress {
  number: number;
  user: string;
  /** The answer to the button's confirmation dialog, when it has one. */
  answer?: string | undefined;
}

/** A press waiting for its confirmation: the next line answers it when it is one of `answers` (lower case). */
export interface PendingPress extends ConsolePress {
  answers: string[];
}

/**
 * Presses button `number` as `user`, the way Slack would send the click. A button with a confirmation dialog is
 * pressed only when `answer` says yes (or the dialog's own confirm word); without an answer the question is asked
 * and the press is handed back, to be repeated with the answer. The number is looked up again then, so a card
 * edited in between is not pressed.
 */
export async function pressConsoleButton(
  ctx: ChatContext & { surface: ConsoleSurface },
  print: (text: string) => void,
  request: ConsolePress,
): Promise<PendingPress | undefined> {
  const { number } = request;
  const found = ctx.surface.button(number);
  if (found === undefined) print(CONSOLE_TEXT.noSuchButton(number));
  else if (found.kind === 'edited') print(CONSOLE_TEXT.buttonGone(number, found.messageNumber));
  else if (found.button.url !== undefined) print(CONSOLE_TEXT.linkButton(number, found.button.url));
  else if (found.button.confirm && request.answer === undefined) {
    print(CONSOLE_TEXT.confirmQuestion(found.button.confirm));
    const { confirm, deny } = found.button.confirm;
    const answers = [...YES, ...NO, confirm, deny].map((word) => word.trim().toLowerCase());
    return { number, user: request.user, answers };
  } else if (found.button.confirm && !confirms(request.answer ?? '', found.button.confirm.confirm)) {
    print(CONSOLE_TEXT.notPressed(number));
  } else {
    const press: ButtonPress = {
      user: request.user,
      actionId: found.button.actionId,
      value: found.button.value,
      message: { channel: found.message.channel, ts: found.message.ts },
    };
    await pressButton(ctx, press);
  }
  return undefined;
}

const YES = ['y', 'yes'];
const NO = ['n', 'no'];

function confirms(answer: string, confirmWord: string): boolean {
  const said = answer.trim().toLowerCase();
  return YES.includes(said) || said === confirmWord.trim().toLowerCase();
}
