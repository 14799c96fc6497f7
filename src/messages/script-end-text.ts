import { excerptOutput } from '../agent/host/excerpt-output.js';
import type { BoundedProcessResult } from '../agent/host/run-bounded-process.js';

/** How a failed script ended, then the tail of what it said: a script that fails without a word still says why. */
export function describeScriptEnd(run: BoundedProcessResult): string {
  if (run.startError !== undefined) return `it could not be run (${excerptOutput(run.startError)})`;
  const said = excerptOutput(run.stderr || run.stdout);
  const ended = run.timedOut
    ? 'it ran past its time limit and was stopped'
    : run.signal !== null
      ? `it was ended by ${run.signal}`
      : `it exited with code ${run.exitCode}`;
  return said === '' ? ended : `${ended}; its last output: ${said}`;
}
