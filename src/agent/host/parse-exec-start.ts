/** A service unit's command as systemd would run it, or why the exec adapter cannot run it the same way. */
export type ParsedExecStart = { ok: true; argv: [string, ...string[]]; type: string } | { ok: false; problem: string };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', s: ' ' };

/**
 * Reads `ExecStart=` of the `[Service]` section the way systemd does for one command: continued lines, an empty
 * value resetting the list, the `-@:+!` prefixes, quotes and backslash escapes, `%%` and `$$`. Specifiers and
 * environment variables are refused, since only systemd expands them.
 */
export function parseExecStart(text: string): ParsedExecStart {
  let section = '';
  let type = 'simple';
  let commands: string[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    section = /^\[([^\]]+)\]$/.exec(trimmed)?.[1] ?? section;
    const setting = section === 'Service' ? /^(\w+)\s*=\s*(.*)$/.exec(trimmed) : null;
    if (setting?.[1] === 'Type') type = setting[2] ?? type;
    if (setting?.[1] === 'ExecStart') commands = setting[2] ? [...commands, setting[2]] : [];
  }
  const [command, ...more] = commands;
  if (command === undefined) return { ok: false, problem: 'it has no ExecStart= in its [Service] section' };
  if (more.length > 0) return { ok: false, problem: `it has ${commands.length} ExecStart= commands, not one` };
  const prefix = /^[-@:+!]*/.exec(command)?.[0] ?? '';
  const expanded = expandDollarsAndPercents(command.slice(prefix.length));
  if (!expanded.ok) return expanded;
  const words = splitWords(expanded.text);
  if (!words.ok) return words;
  // With `@`, the second word is only the name the program sees as argv[0].
  const [program, ...args] = prefix.includes('@') ? words.words.filter((_, index) => index !== 1) : words.words;
  if (program === undefined) return { ok: false, problem: 'its ExecStart= names no program' };
  return { ok: true, argv: [program, ...args], type };
}

function expandDollarsAndPercents(text: string): { ok: true; text: string } | { ok: false; problem: string } {
  let unsupported: string | undefined;
  const expanded = text.replace(/%.?|\$(?:\$|\{[^}]*\}?|\w+)?/g, (match) => {
    if (match === '%%' || match === '$$' || match === '$') return match.slice(0, 1);
    unsupported ??= match;
    return match;
  });
  if (unsupported === undefined) return { ok: true, text: expanded };
  const what = unsupported.startsWith('%') ? 'the specifier' : 'the variable';
  return { ok: false, problem: `its ExecStart= uses ${what} ${unsupported}, which only systemd expands` };
}

function splitWords(text: string): { ok: true; words: string[] } | { ok: false; problem: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      const next = text[++index]!;
      word = (word ?? '') + (ESCAPES[next] ?? next);
    } else if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word = (word ?? '') + char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (quote !== undefined) return { ok: false, problem: `its ExecStart= leaves a ${quote} quote open` };
  if (word !== undefined) words.push(word);
  return { ok: true, words };
}
