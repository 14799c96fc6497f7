/** Every command as `/dten help` shows it; the parser suggests the closest one when a line does not parse. */
export const COMMAND_USAGES = {
  help: { usage: 'help', summary: 'what dten can do' },
  preflight: {
    usage: 'preflight <package> [on <hosts>]',
    summary: 'check a package (and its dependencies against the hosts it would go to)',
  },
  plan: {
    usage:
      'plan <package> to <hosts> [window <start> for <duration>] [canary N] [batch N|N%] [max-errors N] [bake <duration>]',
    summary: 'plan a rollout and ask for approval',
  },
  status: { usage: 'status [rollout]', summary: 'rollouts, or one rollout in detail with its audit log' },
  pause: { usage: 'pause <rollout>', summary: 'finish the running wave, then wait' },
  resume: { usage: 'resume <rollout>', summary: 'carry on after a pause' },
  abort: {
    usage: 'abort <rollout>',
    summary: 'stop; hosts already upgraded are rolled back (a failed or done one lets go of the hosts it kept)',
  },
  rollback: { usage: 'rollback <rollout>', summary: 'roll back every host the rollout changed' },
  window: { usage: 'window <rollout> extend <duration>', summary: 'give the rollout more time' },
  cleanup: {
    usage: 'cleanup <rollout> [retry]',
    summary: "what the rollout's cleanup did, host by host; `retry` runs what failed again",
  },
  hosts: { usage: 'hosts [selector]', summary: 'hosts whose agents reported, e.g. `hosts env=prod`' },
  lock: { usage: 'lock <env> [reason]', summary: 'freeze an environment: no plans for its hosts' },
  unlock: { usage: 'unlock <env>', summary: 'lift a freeze' },
} as const;

export type CommandName = keyof typeof COMMAND_USAGES;
