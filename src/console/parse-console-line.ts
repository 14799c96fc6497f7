/** One line typed into the console, as the loop acts on it. */
export type ConsoleInput =
  | { kind: 'empty' }
  | { kind: 'command'; text: string }
  | { kind: 'press'; number: number | undefined; answer?: string }
  | { kind: 'as'; user: string | undefined }
  | { kind: 'home' }
  | { kind: 'wait'; seconds: number | undefined }
  | { kind: 'wait-rollouts' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'unknown'; line: string }
  | { kind: 'not-a-command' };

const USER = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_WAIT_SECONDS = 3600;

/** `/dten …` or `dten …`, a button number, or a `:` command; `#` starts a comment line in a script. */
export function parseConsoleLine(raw: string): ConsoleInput {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return { kind: 'empty' };
  const command = /^\/?dten(?:\s+([\s\S]*))?$/i.exec(line);
  if (command) return { kind: 'command', text: (command[1] ?? '').trim() };
  const press = /^(?::press\s+)?(\d{1,9})(?:\s+(\S.*))?$/i.exec(line);
  if (press) return { kind: 'press', number: Number(press[1]), ...(press[2] ? { answer: press[2] } : {}) };
  if (!line.startsWith(':')) return { kind: 'not-a-command' };
  const [name = '', ...rest] = line.slice(1).split(/\s+/);
  const argument = rest.join(' ');
  switch (name.toLowerCase()) {
    case 'as':
      return { kind: 'as', user: USER.test(argument) ? argument : undefined };
    case 'press':
      return { kind: 'press', number: undefined };
    case 'home':
      return { kind: 'home' };
    case 'wait':
      return parseWait(argument);
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'unknown', line };
  }
}

function parseWait(argument: string): ConsoleInput {
  if (/^rollouts?(\s+done)?$/i.test(argument)) return { kind: 'wait-rollouts' };
  const seconds = Number(argument);
  const valid = argument !== '' && Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_WAIT_SECONDS;
  return { kind: 'wait', seconds: valid ? seconds : undefined };
}
