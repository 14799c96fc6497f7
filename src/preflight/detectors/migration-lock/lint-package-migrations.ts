import type { Finding } from '../../../core/findings/finding.js';
import type { FileMeta } from '../../detector.js';
import { checkReversibility } from './check-reversibility.js';
import { findMigrations } from './find-migrations.js';
import { lintMigration } from './lint-migration.js';
import type { MigrationHazard } from './migration-hazard.js';
import { splitMigrationSections, type MigrationSections } from './split-migration-sections.js';

export interface PackageMigrations {
  /** Every file name of the package itself (not of nested archives). */
  names: string[];
  folder: string;
  /** The migrations folder's `.sql` files, by name. */
  texts: ReadonlyMap<string, { meta: FileMeta; text: string; tooLarge: boolean }>;
  postgresMajor: number | undefined;
}

/** Lints each migration file (each goose / sql-migrate section on its own) and checks every migration has a way back. */
export function lintPackageMigrations({ names, folder, texts, postgresMajor }: PackageMigrations): Finding[] {
  const sections = new Map<string, MigrationSections>();
  for (const [name, { text }] of texts) {
    const split = splitMigrationSections(text);
    if (split) sections.set(name, split);
  }
  const findings: Finding[] = [];
  for (const [name, { meta, text, tooLarge }] of texts) {
    if (tooLarge) {
      findings.push(toFinding(meta.path, 0, tooLargeHazard()));
      continue;
    }
    const split = sections.get(name);
    const parts = split
      ? [split.up, ...(split.down ? [split.down] : [])]
      : [{ text, firstLine: 1, inTransaction: false }];
    for (const part of parts) {
      const hazards = lintMigration(part.text, { assumeInTransaction: part.inTransaction, postgresMajor });
      findings.push(...hazards.map((hazard) => toFinding(meta.path, part.firstLine - 1, hazard)));
    }
  }
  const migrations = findMigrations(names, folder, (name) => sections.get(name));
  const pathOf = (name: string): string => texts.get(name)?.meta.path ?? name;
  for (const { path, hazard } of checkReversibility(migrations, texts, sections)) {
    findings.push(toFinding(pathOf(path), 0, hazard));
  }
  return findings;
}

function toFinding(path: string, lineOffset: number, hazard: MigrationHazard): Finding {
  return {
    category: 'migration-lock',
    severity: hazard.severity,
    rule: `migration-lock/${hazard.rule}`,
    path,
    ...(hazard.line > 0 ? { line: hazard.line + lineOffset } : {}),
    message: hazard.message,
    remediation: hazard.remediation,
    ...(hazard.evidence ? { evidence: hazard.evidence } : {}),
  };
}

function tooLargeHazard(): MigrationHazard {
  return {
    rule: 'not-checked',
    severity: 'warning',
    line: 0,
    message: 'This migration is larger than 64 MiB, so it was not parsed: its locks were not checked.',
    remediation: 'Review it by hand, or split it into smaller migrations.',
  };
}
