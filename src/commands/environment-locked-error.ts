import { UserError } from '../core/errors/user-error.js';
import { formatUtc } from '../messages/chat/format-utc.js';
import { mentionUser } from '../messages/chat/mention-user.js';
import type { EnvironmentLock } from './environment-locks.js';

/** The refusal a held lock gives: who holds it, since when and why. */
export function environmentLockedError(lock: EnvironmentLock): UserError<'environment-locked'> {
  return new UserError('environment-locked', {
    env: lock.env,
    by: mentionUser(lock.by),
    reason: lock.reason,
    at: formatUtc(lock.at),
  });
}
