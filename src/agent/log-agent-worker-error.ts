import type { Logger } from '../logger.js';
import { logUnlessRedisAway } from '../redis/log-unless-redis-away.js';

/** BullMQ's words when a job it was running is no longer in Redis: the control plane took it back. */
const TAKEN_BACK = /^Missing key for job (\S+)\. (?:moveToFinished|moveToDelayed)/;
/** BullMQ's words when it could not extend a job's lock: another agent or the stalled check may have taken it. */
const LOCK_LOST = /^could not renew lock for job (\S+)/;

/**
 * The agent Worker's `error` listener. A job the control plane took back while this agent still ran it (it had given
 * up on the host: this agent was out of Redis' reach past its lock) and a lock this agent could not extend are said
 * in words, at warn, once per job, instead of BullMQ's own at error level on every lock tick; the rest as before.
 */
export function logAgentWorkerError(log: Logger): (error: unknown) => void {
  const otherwise = logUnlessRedisAway(log, 'worker error', {}, 'error');
  const said = new Set<string>();
  return (error) => {
    const message = error instanceof Error ? error.message : '';
    const taken = TAKEN_BACK.exec(message);
    const lost = taken ? null : LOCK_LOST.exec(message);
    const jobId = taken?.[1] ?? lost?.[1];
    if (jobId === undefined) return otherwise(error);
    const key = `${taken ? 'taken' : 'lost'} ${jobId}`;
    if (said.has(key)) return;
    said.add(key);
    log.warn(
      { jobId },
      taken
        ? 'the control plane took this job back while this agent ran it (it had given up on the host); its result is dropped'
        : 'this agent could not extend its lock on the job it runs; the control plane may give up on the host',
    );
  };
}
