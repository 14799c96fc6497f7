import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand, type RunCommand } from './run-command.js';
import { excerptOutput } from './excerpt-output.js';

/** An HTTP GET (200 is healthy) or a command (exit 0 is healthy), from the verified release's manifest. */
export type HealthProbe =
  | { kind: 'http'; url: string }
  | { kind: 'command'; argv: readonly string[]; cwd: string; env: Readonly<Record<string, string>> };

export interface HealthResult {
  healthy: boolean;
  /** HTTP status or exit code of the last attempt; undefined when nothing answered. */
  status: number | undefined;
  /** What the last attempt said, shortened: the response body, the command's output, or the error. */
  detail: string;
  /** The `errorRate` the health endpoint reports, when it does: the first signal of a monitoring blip. */
  errorRate?: number;
  attempts: number;
}

export interface CheckHealthOptions {
  attempts?: number;
  intervalMs?: number;
  timeoutMs?: number;
  run?: RunCommand;
}

const DETAIL_CHARS = 300;

/** Asks until healthy or out of attempts (a service may need a moment after start); the last answer is returned. */
export async function checkHealth(probe: HealthProbe, options: CheckHealthOptions = {}): Promise<HealthResult> {
  const attempts = Math.max(1, options.attempts ?? 5);
  let result: HealthResult = { healthy: false, status: undefined, detail: 'not checked', attempts: 0 };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(options.intervalMs ?? 1_000);
    const once = probe.kind === 'http' ? await askHttp(probe.url, options) : await askCommand(probe, options);
    result = { ...once, attempts: attempt };
    if (result.healthy) break;
  }
  return result;
}

async function askHttp(url: string, options: CheckHealthOptions): Promise<Omit<HealthResult, 'attempts'>> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5_000), redirect: 'manual' });
    const body = await response.text();
    const errorRate = readErrorRate(body);
    return {
      healthy: response.status === 200,
      status: response.status,
      detail: excerptOutput(body, DETAIL_CHARS, 'head'),
      ...(errorRate !== undefined && { errorRate }),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const detail = cause ?? (error instanceof Error ? error.message : String(error));
    return { healthy: false, status: undefined, detail: `no answer from ${url}: ${detail}` };
  }
}

async function askCommand(
  probe: Extract<HealthProbe, { kind: 'command' }>,
  options: CheckHealthOptions,
): Promise<Omit<HealthResult, 'attempts'>> {
  const [file, ...args] = probe.argv;
  if (file === undefined) return { healthy: false, status: undefined, detail: 'the health command is empty' };
  const run = options.run ?? runCommand;
  const result = await run(file, args, { cwd: probe.cwd, env: probe.env, timeoutMs: options.timeoutMs ?? 5_000 });
  const detail = excerptOutput(`${result.stdout}\n${result.stderr}`, DETAIL_CHARS);
  return { healthy: result.code === 0, status: result.code, detail };
}

function readErrorRate(body: string): number | undefined {
  try {
    const value = (JSON.parse(body) as { errorRate?: unknown }).errorRate;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
