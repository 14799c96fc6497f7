import type { UserError, UserErrorCode, UserErrorParams } from '../core/errors/user-error.js';
import { ROLLOUT_STATES, type RolloutState } from '../core/rollout/rollout-state.js';
import { TRANSITIONS } from '../core/rollout/transition-table.js';
import { mentionChannel } from './chat/mention-channel.js';

const TEXT: { [C in UserErrorCode]: (p: UserErrorParams[C]) => string } = {
  usage: (p) => `${p.problem}. Run \`dten --help\` to see the commands and their options.`,
  'file-not-found': (p) => `The ${p.what} ${p.path} does not exist. Check the path and try again.`,
  'redis-unreachable': (p) =>
    `Cannot reach Redis at ${p.where} (${p.reason}). Start Redis, or point REDIS_URL at it (see .env.example).`,
  'file-is-folder': (p) => `The ${p.what} ${p.path} is a folder, not a file. Name the file itself.`,
  'file-unreadable': (p) => `The ${p.what} ${p.path} could not be read (${p.reason}). Check its permissions.`,
  'inventory-invalid': (p) =>
    `The inventory ${p.path} is not usable: ${p.problem}. It must be JSON shaped like {"host-1": {"dten": "4.1.0"}}.`,
  'policy-invalid': (p) => `The policy file ${p.path} is not usable: ${p.problem}. See docs/policy.md for its format.`,
  'probes-invalid': (p) =>
    `The probes file ${p.path} (DTEN_PROBES) is not usable: ${p.problem}. It must be JSON such as {"postgresql": ["psql", "--version"]}.`,
  'trust-invalid': (p) =>
    `The trusted CA file ${p.path} is not usable: ${p.problem}. It must hold one or more PEM certificates.`,
  'config-missing': (p) =>
    `${p.variable} is not set, and ${p.why}. Set it in the environment or .env (see .env.example).`,
  'config-invalid': (p) =>
    `${p.variable} is not valid: ${p.problem}. Fix it in the environment or .env (see .env.example).`,
  'plan-invalid': (p) => `That plan cannot be made: ${p.problem}. Fix it and plan again.`,
  'rollout-not-found': (p) => `There is no rollout ${p.id}. \`/dten status\` lists the rollouts.`,
  'nothing-to-retry': (p) =>
    `Rollout ${p.id} has no failed cleanup to run again. \`/dten cleanup ${p.id}\` shows what cleanup did on each host.`,
  'nothing-kept': (p) =>
    p.letGo
      ? `Rollout ${p.id} is ${p.state} and its hosts were already let go; there is nothing left to abort. \`/dten status ${p.id}\` shows who let them go and when.`
      : `Rollout ${p.id} is ${p.state} and keeps no host out of other plans; there is nothing left to abort. \`/dten status ${p.id}\` shows how it ended.`,
  'rollout-refused': (p) =>
    `Rollout ${p.id} is ${p.state.replaceAll('-', ' ')}, so it cannot ${p.action} now. \`/dten status ${p.id}\` shows what it can do next.`,
  'hosts-busy': (p) => {
    const one = p.rollouts.length === 1;
    const held = p.rollouts.map((r, i) => {
      const verb = i > 0 ? '' : r.hosts.length === 1 ? 'is ' : 'are ';
      if (r.state === 'failed' || r.state === 'done')
        return `${listHosts(r.hosts)} ${verb}left changed by rollout ${r.rolloutId} (${r.state})`;
      return `${listHosts(r.hosts)} ${verb}in rollout ${r.rolloutId} (${r.state.replaceAll('-', ' ')})`;
    });
    // Abort is offered only where it ends a plan before any host changed, or lets go of what a failed rollout left:
    // elsewhere it would roll back someone's work.
    const next = p.rollouts.map((r) =>
      r.state === 'failed'
        ? `\`/dten rollback ${r.rolloutId}\` runs its rollback again once the hosts are fixed, \`/dten abort ${r.rolloutId}\` lets them go as they are`
        : r.state === 'done'
          ? `once a person has put the hosts right, \`/dten abort ${r.rolloutId}\` lets them go as they are`
          : endsUntouched(r.state)
            ? `\`/dten abort ${r.rolloutId}\` ends it if nobody wants it any more`
            : `\`/dten status ${r.rolloutId}\` shows where it stands`,
    );
    // A failed or done holder is over already: waiting frees nothing, only the ways out offered below do.
    const going = p.rollouts.filter((r) => r.state !== 'failed' && r.state !== 'done');
    const wait =
      going.length === 0
        ? ''
        : going.length === p.rollouts.length
          ? `. Wait until ${one ? 'it is' : 'they are'} over, then try again`
          : `. Wait until ${going.map((r) => r.rolloutId).join(', ')} ${going.length === 1 ? 'is' : 'are'} over, then try again`;
    return `${held.join(', ')}: a host takes one rollout at a time${wait} (${next.join('; ')}).`;
  },
  'command-invalid': (p) => `${p.problem}. Try \`/dten ${p.usage}\` (\`/dten help\` lists every command).`,
  'package-unavailable': (p) =>
    `The package ${p.reference} could not be found or fetched: ${p.reason}. Name a package in the store, an https URL, or share the zip in this channel and name it.`,
  'package-blocked': (p) =>
    `${p.name} has ${p.blockers} blocker${p.blockers === 1 ? '' : 's'}, so it cannot be planned. Run \`/dten preflight ${p.name}\` to see them, fix the package and plan again.`,
  'hosts-unknown': (p) => `No agent has reported for ${listHosts(p.ids)}. \`/dten hosts\` lists the hosts dten knows.`,
  'hosts-none': (p) => `No host matches ${p.selector}. \`/dten hosts\` lists the hosts and their labels.`,
  'environment-locked': (p) =>
    `${p.env} is locked by ${p.by} since ${p.at} (${p.reason}). Ask them, or \`/dten unlock ${p.env}\` when the freeze is over.`,
  'not-in-channel': (p) =>
    `dten is not in ${mentionChannel(p.channel)}, so it could not post there. Invite it with \`/invite @dten\` (or use a channel it is in) and run the command again.`,
};

// Abort ends a rollout in this state before any host changed (a failed one takes no abort: it lets its hosts go).
function endsUntouched(state: string): boolean {
  return (ROLLOUT_STATES as readonly string[]).includes(state) && TRANSITIONS[state as RolloutState].abort === 'failed';
}

function listHosts(hosts: readonly string[]): string {
  return `${hosts.slice(0, 10).join(', ')}${hosts.length > 10 ? ` and ${hosts.length - 10} more` : ''}`;
}

export function describeUserError(error: UserError): string {
  const text = TEXT[error.code] as (p: UserErrorParams[UserErrorCode]) => string;
  return text(error.params);
}
