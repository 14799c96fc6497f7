import { clearLine, cursorTo, type Interface } from 'node:readline';

export interface ConsoleOutput {
  /** Writes whole lines; while someone is typing at a prompt, they go above it and the prompt is drawn again. */
  print(text: string): void;
  /** The prompt being shown now (a terminal waiting for a line), or none while a command runs. */
  promptAt(rl: Interface | undefined): void;
}

/** One writer for everything the console shows, so that messages arriving in the background do not garble typing. */
export function createConsoleOutput(stream: NodeJS.WritableStream): ConsoleOutput {
  let prompting: Interface | undefined;
  return {
    print(text) {
      if (prompting) {
        clearLine(stream, 0);
        cursorTo(stream, 0);
      }
      stream.write(`${text}\n`);
      prompting?.prompt(true);
    },
    promptAt(rl) {
      prompting = rl;
    },
  };
}
