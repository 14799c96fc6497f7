import type { Severity } from '../../../core/findings/finding.js';

/** One lock or reversibility hazard in a migration; `rule` is squawk's rule name where squawk has one. */
export interface MigrationHazard {
  rule: string;
  severity: Severity;
  /** 1-based line of the statement in the text that was linted. */
  line: number;
  message: string;
  remediation: string;
  /** The statement's first line, string literals masked. */
  evidence?: string;
}

export interface LintOptions {
  /** The migration tool wraps the file in a transaction (goose and sql-migrate do unless told otherwise). */
  assumeInTransaction?: boolean;
  /** Oldest PostgreSQL major version the migration must run on; before 11 every ADD COLUMN … DEFAULT rewrites. */
  postgresMajor?: number;
}

/** Assumed when the package says nothing: a supported PostgreSQL (fast defaults, NOT NULL via CHECK). */
export const DEFAULT_POSTGRES_MAJOR = 16;
