import { createHash } from 'node:crypto';

/** The advisory lock key of dten's migrations in one schema: stable across hosts, releases and restarts. */
export function deriveMigrationLockKey(schema: string | undefined): string {
  const digest = createHash('sha256')
    .update(`dten schema migrations\0${schema ?? ''}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}
