import type { MessageRef } from '../commands/chat-surface.js';
import type { PressableButton } from './pressable-button.js';

/** What pressing number n means now: a live button, one that vanished when its message was edited, or nothing. */
export type BoardLookup =
  | { kind: 'live'; button: PressableButton; message: MessageRef; messageNumber: number }
  | { kind: 'edited'; messageNumber: number }
  | undefined;

export interface ButtonBoard {
  /** The number the next button shown gets; numbers are never reused, so a typed number means one thing. */
  readonly next: number;
  /** Records the buttons of one shown version of message `messageNumber`, dropping those of its earlier version. */
  show(messageNumber: number, message: MessageRef, buttons: ReadonlyMap<number, PressableButton>, next: number): void;
  lookup(number: number): BoardLookup;
}

/** The numbered buttons of every message the console printed. */
export function createButtonBoard(): ButtonBoard {
  let next = 1;
  const live = new Map<number, { button: PressableButton; message: MessageRef; messageNumber: number }>();
  const shownOn = new Map<number, number[]>();
  const retired = new Map<number, number>();
  return {
    get next() {
      return next;
    },
    show(messageNumber, message, buttons, after) {
      for (const number of shownOn.get(messageNumber) ?? []) {
        live.delete(number);
        retired.set(number, messageNumber);
      }
      shownOn.set(messageNumber, [...buttons.keys()]);
      for (const [number, button] of buttons) live.set(number, { button, message, messageNumber });
      next = Math.max(next, after);
    },
    lookup(number) {
      const found = live.get(number);
      if (found) return { kind: 'live', ...found };
      const messageNumber = retired.get(number);
      return messageNumber === undefined ? undefined : { kind: 'edited', messageNumber };
    },
  };
}
