import { readFile } from 'node:fs/promises';

/**
 * True when `pid` runs and is still the program we started: a zombie is dead, and a pid the system reused for
 * another program (its command line lacks `programName`) is not ours. Without /proc only kill(pid, 0) is asked.
 */
export async function isProcessAlive(pid: number, programName: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return true;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  if (state === 'Z' || state === 'X') return false;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.split('\0').some((arg) => arg.endsWith(programName));
}
