import { UserError } from '../../core/errors/user-error.js';
import { parseBatch } from '../../core/rollout/parse-batch.js';
import { parseLabelSelector } from '../../core/rollout/parse-label-selector.js';
import { HOST_ID } from '../../core/rollout/plan.js';
import type { HostSelector } from '../../core/rollout/select-hosts.js';
import { parseDuration } from '../../core/time/parse-duration.js';
import { closestCommand } from './closest-command.js';
import { COMMAND_USAGES, type CommandName } from '../../messages/chat/command-usages.js';
import type { ParsedCommand } from './parsed-command.js';
import { parseStartTime } from './parse-start-time.js';

const ROLLOUT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const ENV = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PLAN_OPTIONS = ['window', 'canary', 'batch', 'max-errors', 'bake'];

/**
 * Reads what follows `/dten`. A line that does not parse is a UserError (`command-invalid`) naming what was wrong
 * and the usage of the command meant, or of the closest one when the verb itself is unknown.
 */
export function parseCommand(text: string, now: Date): ParsedCommand {
  const words = tokenize(text);
  const verb = (words.shift() ?? 'help').toLowerCase();
  if (!(verb in COMMAND_USAGES)) {
    const closest = closestCommand(verb);
    throw new UserError('command-invalid', {
      problem: `\`${verb.slice(0, 40)}\` is not a dten command`,
      usage: COMMAND_USAGES[closest ?? 'help'].usage,
    });
  }
  const name = verb as CommandName;
  const fail = (problem: string): never => {
    throw new UserError('command-invalid', { problem, usage: COMMAND_USAGES[name].usage });
  };
  const rolloutArg = (): string => {
    const id = words.shift();
    if (id === undefined) return fail(`\`${name}\` needs the rollout id (\`/dten status\` lists them)`);
    if (!ROLLOUT_ID.test(id)) return fail(`\`${id.slice(0, 40)}\` is not a rollout id`);
    return id;
  };
  const noMore = (): void => {
    if (words.length > 0) fail(`\`${words.join(' ').slice(0, 60)}\` was not understood`);
  };
  const command = ((): ParsedCommand => {
    switch (name) {
      case 'help':
        return { kind: 'help' };
      case 'preflight': {
        const pkg = words.shift() ?? fail('`preflight` needs a package: a name in the package store, a URL or a file');
        const hosts = words[0]?.toLowerCase() === 'on' ? hostsArg(words.splice(0, 2)[1], fail) : undefined;
        return hosts ? { kind: 'preflight', package: pkg, hosts } : { kind: 'preflight', package: pkg };
      }
      case 'plan':
        return parsePlan(words, now, fail);
      case 'status': {
        const rolloutId = words.length > 0 ? rolloutArg() : undefined;
        return rolloutId ? { kind: 'status', rolloutId } : { kind: 'status' };
      }
      case 'pause':
      case 'resume':
      case 'abort':
      case 'rollback':
        return { kind: name, rolloutId: rolloutArg() };
      case 'cleanup': {
        const rolloutId = rolloutArg();
        const retry = words[0]?.toLowerCase() === 'retry' ? words.shift() : undefined;
        return retry ? { kind: 'cleanup', rolloutId, retry: true } : { kind: 'cleanup', rolloutId };
      }
      case 'window': {
        const rolloutId = rolloutArg();
        if (words.shift()?.toLowerCase() !== 'extend') fail('`window` takes `extend <duration>` after the rollout id');
        return { kind: 'extend', rolloutId, minutes: minutesArg(words.splice(0).join(' '), fail) };
      }
      case 'hosts': {
        const selector = words.length > 0 ? hostsArg(words.splice(0).join(','), fail) : undefined;
        return selector ? { kind: 'hosts', selector } : { kind: 'hosts' };
      }
      case 'lock':
      case 'unlock': {
        const env = words.shift() ?? fail(`\`${name}\` needs the environment, e.g. \`${name} prod\``);
        if (!ENV.test(env)) fail(`\`${env.slice(0, 40)}\` is not an environment name`);
        if (name === 'unlock') return { kind: 'unlock', env };
        return { kind: 'lock', env, reason: words.splice(0).join(' ').slice(0, 300) || 'no reason given' };
      }
    }
  })();
  noMore();
  return command;
}

function parsePlan(words: string[], now: Date, fail: (problem: string) => never): ParsedCommand {
  const pkg = words.shift() ?? fail('`plan` needs a package');
  if (words.shift()?.toLowerCase() !== 'to') fail('`plan` needs `to <hosts>` after the package');
  const hosts = hostsArg(words.shift(), fail);
  const plan: Extract<ParsedCommand, { kind: 'plan' }> = { kind: 'plan', package: pkg, hosts };
  while (words.length > 0) {
    const option = words.shift()!.toLowerCase();
    switch (option) {
      case 'window': {
        const forAt = words.findIndex((word) => word.toLowerCase() === 'for');
        if (forAt < 1) fail('`window` is `window <start> for <duration>`, e.g. `window 22:00 for 1h`');
        const startText = words.splice(0, forAt).join(' ');
        words.shift();
        const start =
          parseStartTime(startText, now) ??
          fail(`\`${startText}\` is not a time: use \`now\`, \`in 30m\`, \`22:00\` (UTC) or \`2026-11-28T22:00Z\``);
        plan.window = { start, minutes: minutesArg(takeDuration(words), fail) };
        break;
      }
      case 'canary':
        plan.canary = countArg(option, words.shift(), fail);
        break;
      case 'max-errors':
        plan.maxErrors = countArg(option, words.shift(), fail);
        break;
      case 'bake': {
        const text = takeDuration(words);
        const ms = parseDuration(text);
        plan.bakeSeconds =
          ms === undefined
            ? fail(`\`bake ${text.slice(0, 40)}\` is not a duration like \`10m\``)
            : Math.ceil(ms / 1000);
        break;
      }
      case 'batch': {
        const text = words.shift() ?? '';
        plan.batch = parseBatch(text) ?? fail(`\`batch ${text}\` is not a batch size: use a number or a percentage`);
        break;
      }
      default:
        fail(`\`${option.slice(0, 40)}\` is not a plan option`);
    }
  }
  return plan;
}

/** Durations may be written with spaces (`1 hour 30 minutes`): take words up to the next option. */
function takeDuration(words: string[]): string {
  const end = words.findIndex((word) => PLAN_OPTIONS.includes(word.toLowerCase()));
  return words.splice(0, end === -1 ? words.length : end).join(' ');
}

function hostsArg(text: string | undefined, fail: (problem: string) => never): HostSelector {
  if (text === undefined || text === '') return fail('name the hosts: `web-1,web-2` or a selector like `env=prod`');
  if (text.includes('=')) {
    const labels = parseLabelSelector(text);
    return labels ? { labels } : fail(`\`${text.slice(0, 60)}\` is not a label selector like \`env=prod,role=web\``);
  }
  const ids = text.split(',').filter((id) => id !== '');
  const bad = ids.find((id) => !HOST_ID.test(id));
  return bad === undefined ? { ids } : fail(`\`${bad.slice(0, 40)}\` is not a host id`);
}

function minutesArg(text: string, fail: (problem: string) => never): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 60_000) return fail(`\`${text.slice(0, 40)}\` is not a duration of a minute or more`);
  return Math.ceil(ms / 60_000);
}

function countArg(option: string, text: string | undefined, fail: (problem: string) => never): number {
  return text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : fail(`\`${option}\` takes a whole number`);
}

/** Words, with Slack's link markup undone: `<https://x/p.zip|p.zip>` is the URL. */
function tokenize(text: string): string[] {
  return text
    .replace(/<((?:https?:\/\/)[^|>\s]+)(?:\|[^>]*)?>/g, '$1')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
}
