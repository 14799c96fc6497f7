#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { loadConfig } from './config.js';
import { isUserError, UserError } from './core/errors/user-error.js';
import { createLogger } from './logger.js';
import { describeUserError } from './messages/user-error-text.js';
import type { CommandIo } from './cli/preflight-command.js';
import { AGENT_USAGE, BOT_USAGE, CONTROL_USAGE, PREFLIGHT_USAGE } from './cli/command-usage.js';
import { TOOL_VERSION } from './version.js';
import { newErrorRef } from './core/errors/new-error-ref.js';

const HELP = `dten ${TOOL_VERSION} — take a vendor upgrade package from preflight to a cleaned-up fleet upgrade

Usage:
  ${PREFLIGHT_USAGE}
  ${AGENT_USAGE}
  ${CONTROL_USAGE}
  ${BOT_USAGE}
  dten --version

Exit codes of preflight: 0 pass or warnings only, 1 a blocker was found, 2 the package cannot be read safely or bad usage.
Configuration comes from the environment; see .env.example.
`;

/** The composition root of the CLI: reads config, builds the logger, dispatches, and turns errors into one line. */
async function main(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // Each command loads only what it uses: `dten preflight` needs no Slack or BullMQ, `--help` nothing at all.
  if (command === 'preflight')
    return (await import('./cli/preflight-command.js')).preflightCommand(rest, config, log, io);
  if (command === 'agent') return (await import('./cli/agent-command.js')).agentCommand(rest, config, log);
  if (command === 'control') return (await import('./cli/control-command.js')).controlCommand(rest, config, log);
  if (command === 'bot') return (await import('./cli/bot-command.js')).botCommand(rest, config, log);
  throw new UserError('usage', { problem: `Unknown command "${command}"` });
}

const io: CommandIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isUserError(error)) {
      io.stderr(`dten: ${describeUserError(error)}\n`);
    } else {
      const ref = newErrorRef();
      createLogger('error').error({ err: error, ref }, 'unexpected error');
      io.stderr(`dten: something went wrong (ref ${ref}). The details are in the log above; nothing was changed.\n`);
    }
    process.exitCode = 2;
    // A command that failed after opening connections (Redis, a server) would otherwise keep the process alive.
    setTimeout(() => process.exit(), 1000).unref();
  },
);
