import { execFile } from 'node:child_process';
import { z } from 'zod';

/** Component name → the command (program and arguments, no shell) whose output names its version. */
export const componentProbesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9._@/-]{1,64}$/, 'component names are letters, digits and . _ @ / -'),
  z.array(z.string().min(1)).min(1, 'a probe is a program and its arguments, such as ["psql", "--version"]').max(32),
);

export type ComponentProbes = z.infer<typeof componentProbesSchema>;

export interface ProbedComponents {
  /** Component → the version its probe printed, as printed (`15.19`, `3.0.17`). */
  versions: Record<string, string>;
  /** Component → why its probe gave no version. */
  problems: Record<string, string>;
}

// The first dotted number in the output: `psql (PostgreSQL) 15.19 (Debian …)`, `OpenSSL 3.0.17 1 Jul 2025`, `nginx/1.22.1`.
const VERSION = /(?<![\w.])v?(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z.]+)?)(?![\w.])/;
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs every probe at once, each without a shell, with `env` and `timeoutMs`: a probe that fails, hangs or prints
 * no version is reported in `problems` and left out of `versions`, never guessed.
 */
export async function runComponentProbes(
  probes: ComponentProbes,
  options: { env: Readonly<Record<string, string>>; timeoutMs?: number },
): Promise<ProbedComponents> {
  const found: ProbedComponents = { versions: {}, problems: {} };
  await Promise.all(
    Object.entries(probes).map(async ([component, [program, ...args]]) => {
      const outcome = await runProbe(program!, args, options.env, options.timeoutMs ?? 5000);
      if ('version' in outcome) found.versions[component] = outcome.version;
      else found.problems[component] = outcome.problem;
    }),
  );
  return found;
}

function runProbe(
  program: string,
  args: string[],
  env: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<{ version: string } | { problem: string }> {
  const command = [program, ...args].join(' ');
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      { env, timeout: timeoutMs, maxBuffer: MAX_OUTPUT, encoding: 'utf8' },
      (error, stdout, stderr) => {
        // Some programs print their version on stderr (nginx -v). A probe that failed is not read, whatever it printed.
        const version = error ? undefined : VERSION.exec(`${stdout}\n${stderr}`)?.[1];
        if (version !== undefined) return resolve({ version });
        if (error?.code === 'ENOENT')
          return resolve({ problem: `\`${command}\`: ${program} is not installed or not on PATH` });
        if (error?.killed) return resolve({ problem: `\`${command}\` did not answer within ${timeoutMs / 1000} s` });
        if (error)
          return resolve({ problem: `\`${command}\` failed (${error.code ?? error.signal ?? error.message})` });
        resolve({ problem: `\`${command}\` printed no version number` });
      },
    );
  });
}

/**
 * The agent's probes as it uses them: facts refreshed at every heartbeat reuse a result younger than `maxAgeMs`,
 * per-host preflight asks for a fresh one. No probes configured: nothing is run.
 */
export function createComponentProber(
  probes: ComponentProbes,
  options: { env: Readonly<Record<string, string>>; maxAgeMs?: number; timeoutMs?: number },
): (request?: { fresh?: boolean }) => Promise<ProbedComponents> {
  let last: { at: number; result: Promise<ProbedComponents> } | undefined;
  return (request = {}) => {
    const now = Date.now();
    if (!request.fresh && last && now - last.at < (options.maxAgeMs ?? 60_000)) return last.result;
    const result = runComponentProbes(probes, options);
    last = { at: now, result };
    return result;
  };
}
