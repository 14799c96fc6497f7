import { decodeEncodedCommand } from './decode-encoded-command.js';

/** The PowerShell a `powershell`/`pwsh` command line runs, and whether it came base64-encoded. */
export interface InvokedScript {
  script: string;
  encoded: boolean;
}

/**
 * Options of powershell.exe and pwsh that take a value, with the shortest prefix each accepts (the hosts match
 * their own options by prefix too, from a fixed shortest one: `-ex` is -ExecutionPolicy, `-e` -EncodedCommand).
 */
const VALUE_OPTIONS: readonly (readonly [string, number])[] = [
  ['executionpolicy', 2],
  ['ep', 2],
  ['windowstyle', 1],
  ['workingdirectory', 2],
  ['wd', 2],
  ['outputformat', 1],
  ['of', 2],
  ['inputformat', 2],
  ['if', 2],
  ['configurationname', 6],
  ['custompipename', 3],
  ['settingsfile', 8],
  ['psconsolefile', 3],
  ['version', 1],
  ['encodedarguments', 8],
  ['ea', 2],
];

/**
 * The script a PowerShell host runs given these arguments: the rest of the line after `-Command` (`-c`, `-co`, …),
 * or the decoded `-EncodedCommand` (`-e`, `-ec`, `-enc`, …). Undefined for `-File` (that script is scanned on its
 * own), `-Command -` (standard input), and a first bare argument to pwsh, which is a script file; Windows
 * PowerShell runs a first bare argument and the rest as a command.
 */
export function readPowerShellCommandLine(program: string, args: readonly string[]): InvokedScript | undefined {
  for (let index = 0; index < args.length; index++) {
    const option = /^[-/]([A-Za-z]+)$/.exec(args[index] ?? '')?.[1]?.toLowerCase();
    if (option === undefined) {
      const windowsPowerShell = /(?:^|[\\/])powershell(?:\.exe)?$/i.test(program);
      return windowsPowerShell ? commandOf(args.slice(index)) : undefined;
    }
    if (matches(option, 'command', 1)) return commandOf(args.slice(index + 1));
    if (matches(option, 'encodedcommand', 1) || option === 'ec') {
      const script = decodeEncodedCommand(args[index + 1] ?? '');
      return script === undefined ? undefined : { script, encoded: true };
    }
    if (matches(option, 'file', 1)) return undefined;
    if (VALUE_OPTIONS.some(([name, shortest]) => matches(option, name, shortest))) index++;
  }
  return undefined;
}

/** The host joins the arguments that make up the command with spaces. */
function commandOf(args: readonly string[]): InvokedScript | undefined {
  const script = args.join(' ');
  return script.trim() === '' || script === '-' ? undefined : { script, encoded: false };
}

function matches(option: string, name: string, shortest: number): boolean {
  return option.length >= shortest && name.startsWith(option);
}
