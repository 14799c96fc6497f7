import { describeEvidence } from './lint-state.js';
import type { MigrationHazard } from './migration-hazard.js';

const SHOWN_LINES = 10;

/** One note per migration for every statement of a DO block whose SQL dten could not read: its locks were not checked. */
export function describeUnreadBlockSql(unread: Array<{ line: number; expression: string }>): MigrationHazard {
  const [first] = unread;
  const lines = unread.map(({ line }) => line);
  const shown = `${lines.slice(0, SHOWN_LINES).join(', ')}${lines.length > SHOWN_LINES ? ', …' : ''}`;
  const one = unread.length === 1;
  const where = one
    ? 'This statement of a DO block runs'
    : `${unread.length} statements in DO blocks (lines ${shown}) run`;
  return {
    rule: 'dynamic-sql-not-checked',
    severity: 'info',
    line: first?.line ?? 0,
    message: `${where} SQL that dten cannot read (an EXECUTE of SQL held in a variable, built in a loop, too long, past the 256 read in one block, or not parseable with placeholders for its run-time parts; a procedure it CALLs; a loop or cursor over EXECUTE), so the locks ${one ? 'it takes' : 'they take'} were not checked.`,
    remediation:
      'Read the SQL it builds by hand for what dten checks elsewhere (an index built without CONCURRENTLY, a column type change, a constraint without NOT VALID, a missing lock_timeout), or ask the vendor to write the statement out.',
    ...(first ? { evidence: describeEvidence(first.expression) } : {}),
  };
}
