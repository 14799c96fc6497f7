import { execFile } from 'node:child_process';

export interface CommandResult {
  /** The exit code; -1 when the program could not be run or was killed by the timeout. */
  code: number;
  stdout: string;
  stderr: string;
}

/** How the agent runs a host program (systemctl, a health command): argv only, never a shell. Injected in tests. */
export type RunCommand = (
  file: string,
  args: readonly string[],
  options?: { cwd?: string; env?: Readonly<Record<string, string>>; timeoutMs?: number },
) => Promise<CommandResult>;

/** execFile that reports a failure as a result instead of throwing, with output bounded to 1 MiB. */
export const runCommand: RunCommand = (file, args, options = {}) =>
  new Promise((resolve) => {
    execFile(
      file,
      [...args],
      {
        cwd: options.cwd,
        env: options.env === undefined ? undefined : { ...options.env },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr: stderr || (error?.message ?? '') });
      },
    );
  });
