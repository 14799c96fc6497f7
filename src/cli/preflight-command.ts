import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { ArchiveRefusal } from '../core/errors/archive-refusal.js';
import { UserError } from '../core/errors/user-error.js';
import type { Logger } from '../logger.js';
import { describeArchiveRefusal } from '../messages/archive-refusal-text.js';
import { renderSarifReport } from '../messages/preflight/render-sarif-report.js';
import { renderTextReport } from '../messages/preflight/render-text-report.js';
import { exitCodeFor, type PreflightReport } from '../preflight/preflight-report.js';
import { runConfiguredPreflight } from '../preflight/run-configured-preflight.js';
import { unreadableReport } from '../preflight/unreadable-report.js';
import { loadInventory, loadPolicy, loadTrustedCas } from './load-preflight-inputs.js';
import { PREFLIGHT_USAGE } from './command-usage.js';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `dten preflight`: exit 0 pass or warnings only, 1 a blocker, 2 unreadable or bad usage. */
export async function preflightCommand(argv: string[], config: Config, log: Logger, io: CommandIo): Promise<number> {
  const args = parseUsage(argv);
  const zipPath = args.positionals[0]!;
  const trustPaths = [...config.trustedCaPaths, ...(args.values.trust ?? [])];
  const [trustedCaPem, inventory, policy] = await Promise.all([
    loadTrustedCas(trustPaths),
    args.values.inventory ? loadInventory(args.values.inventory) : undefined,
    loadPolicy(args.values.policy ?? config.policyPath),
  ]);
  const found = await stat(zipPath).catch(() => {
    throw new UserError('file-not-found', { what: 'package', path: zipPath });
  });
  if (found.isDirectory()) throw new UserError('file-is-folder', { what: 'package', path: zipPath });
  const now = new Date();
  let report: PreflightReport;
  try {
    report = await runConfiguredPreflight(zipPath, config, log, {
      trustedCaPem,
      policy,
      inventory,
      windowMinutes: args.values.window ? Number(args.values.window) : undefined,
      now,
    });
  } catch (error) {
    if (!(error instanceof ArchiveRefusal)) throw error;
    const reason = describeArchiveRefusal(error);
    io.stderr(`dten: ${zipPath} cannot be read safely: ${reason}\n`);
    if (args.values.json) io.stdout(`${JSON.stringify(unreadableReport(zipPath, reason, now), null, 2)}\n`);
    return 2;
  }
  if (args.values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (args.values.sarif) io.stdout(`${JSON.stringify(renderSarifReport(report), null, 2)}\n`);
  else io.stdout(renderTextReport(report, { showInfo: args.values.all ?? false }));
  return exitCodeFor(report.verdict);
}

function parseUsage(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        sarif: { type: 'boolean' },
        all: { type: 'boolean' },
        trust: { type: 'string', multiple: true },
        inventory: { type: 'string' },
        policy: { type: 'string' },
        window: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UserError('usage', { problem: (error as Error).message.split('\n')[0]!.replace(/\.$/, '') });
  }
  if (parsed.positionals.length !== 1) throw new UserError('usage', { problem: `Usage: ${PREFLIGHT_USAGE}` });
  if (parsed.values.json && parsed.values.sarif)
    throw new UserError('usage', { problem: 'Choose one of --json and --sarif' });
  if (parsed.values.window && !/^\d+$/.test(parsed.values.window)) {
    throw new UserError('usage', { problem: '--window takes the planned maintenance window in whole minutes' });
  }
  return parsed;
}
