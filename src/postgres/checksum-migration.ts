import { createHash } from 'node:crypto';

/** sha256 of the migration's SQL exactly as shipped: any edit, even whitespace, is a different migration. */
export function checksumMigration(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}
