/** Where a console line about a message comes from: its number, channel, thread and time. */
export interface ConsoleHeading {
  number: number;
  channel: string;
  /** Number of the message this one is in the thread of (or its raw ts when it is not one of ours). */
  thread?: number | string;
  at: Date;
}

const clock = (at: Date): string => `${at.toISOString().slice(11, 19)} UTC`;
const rule = (parts: readonly string[]): string => `── ${parts.join(' · ')} ──`;
const thread = (of: number | string | undefined): string[] =>
  of === undefined ? [] : [typeof of === 'number' ? `thread of #${of}` : `thread ${of}`];

/** Every line the console adapter prints around the messages it shows; one place for the wording. */
export const CONSOLE_TEXT = {
  posted: (h: ConsoleHeading): string => rule([`#${h.number}`, h.channel, ...thread(h.thread), clock(h.at)]),
  edited: (h: ConsoleHeading): string => rule([`#${h.number} edited`, h.channel, ...thread(h.thread), clock(h.at)]),
  whispered: (h: ConsoleHeading, user: string): string =>
    `(only you) ${rule([`#${h.number}`, `to ${user} in ${h.channel}`, clock(h.at)])}`,
  uploaded: (h: ConsoleHeading, count: number): string =>
    rule([`#${h.number}`, h.channel, ...thread(h.thread), `${count} file${count === 1 ? '' : 's'}`, clock(h.at)]),
  home: (h: ConsoleHeading, user: string): string => rule([`#${h.number}`, `App Home of ${user}`, clock(h.at)]),
  prompt: (user: string): string => `${user}> `,
  starting: (hosts: number): string =>
    `Starting the console: ${hosts} local host${hosts === 1 ? '' : 's'}, the control plane and the bot…`,
  welcome: (s: {
    user: string;
    hosts: readonly string[];
    versions: { installed: string; upgrade: string };
    packageKey: string;
    approvers: readonly string[];
  }) =>
    [
      `dten console: ${s.hosts.length} host${s.hosts.length === 1 ? '' : 's'} (${s.hosts.join(', ')}, label env=demo) run dten ${s.versions.installed} on temporary roots;`,
      `the package store holds dten ${s.versions.upgrade} as ${s.packageKey}. Approvers: ${s.approvers.join(', ')}.`,
      `Try: /dten preflight ${s.packageKey}   then   /dten plan ${s.packageKey} to env=demo`,
      `You are ${s.user}; :as <user> switches, a number presses a button, :help lists the rest.`,
    ].join('\n'),
  help: [
    'Console commands:',
    '  /dten <command>      run a dten command as the current user in #console (also: dten <command>)',
    '  <n> or :press <n>    press button [n]; add "yes" to answer its confirmation at once (:press 3 yes)',
    '  :as <user>           become another user, e.g. :as U-BOB to approve what U-ALICE asked for',
    '  :home                show the App Home: active and recent rollouts',
    '  :wait <seconds>      pause a script;  :wait rollout done  waits until no rollout is moving',
    '  :help  :quit         this list; leave (running rollouts stop with the console)',
  ].join('\n'),
  unknown: (line: string): string => `"${line}" is not a console command: type :help for the list, or /dten help.`,
  notACommand: 'Commands start with /dten (try /dten help); :help lists what the console itself understands.',
  asUsage: 'Say who to become, e.g. :as U-BOB (letters, digits, dot, dash or underscore).',
  becameUser: (user: string): string => `You are now ${user}.`,
  pressUsage: 'Say which button, e.g. :press 3 (or just 3), or :press 3 yes to answer its confirmation too.',
  waitUsage: 'Say how long, e.g. :wait 5 (seconds, up to 3600), or :wait rollout done.',
  noSuchButton: (n: number): string => `There is no button [${n}]: press a number shown in brackets on a message.`,
  buttonGone: (n: number, message: number): string =>
    `Button [${n}] was on message #${message}, which has been edited since: press a button of its latest version.`,
  linkButton: (n: number, url: string): string => `Button [${n}] is a link: open ${url} in a browser.`,
  confirmQuestion: (c: { title: string; text: string; confirm: string; deny: string }): string =>
    `${c.title} ${c.text} Type "${c.confirm}" or yes to go ahead; anything else is "${c.deny}".`,
  notPressed: (n: number): string => `Button [${n}] was not pressed.`,
  waitingForRollouts: (minutes: number): string => `Waiting until no rollout is moving (up to ${minutes} min)…`,
  stoppedWaiting: (minutes: number): string =>
    `Stopped waiting after ${minutes} min: a rollout is still moving; it stops with the console.`,
  filesKept: (dir: string): string => `Files the bot attached are kept in ${dir}.`,
  goodbye:
    "\nStopping the console: the bot, the control plane and the local hosts; their files and the session's Redis keys are removed.",
} as const;
