import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSqlParser } from '../../src/libpg-query/parse-sql.js';
import { lintMigration } from '../../src/preflight/detectors/migration-lock/lint-migration.js';
import type { LintOptions } from '../../src/preflight/detectors/migration-lock/migration-hazard.js';
import { SQUAWK_DELIBERATE, SQUAWK_RULE_MAP, SQUAWK_SKIPPED } from './squawk-rule-map.js';

interface SquawkCase {
  rule: string;
  test: string;
  expect: 'ok' | 'error';
  settings: string | null;
  sql: string;
}

interface Tally {
  agreed: number;
  cases: number;
}

/**
 * squawk's own rule tests (../shared/corpora/squawk-cases): for each case of a rule dten implements, an "error"
 * case must produce a hazard of that rule and an "ok" case must not. Cases squawk runs with non-default settings
 * are tallied apart; `agreement` and `cases` count only the default-settings cases.
 */
export async function measureSquawk(
  corporaDir: string,
): Promise<{ lines: string[]; agreement: number; cases: number }> {
  const file = join(corporaDir, 'squawk-cases', 'linter-rule-tests.jsonl');
  if (!existsSync(file)) return { lines: [`squawk cases not found at ${file}; skipped`], agreement: 1, cases: 0 };
  await loadSqlParser();
  const all = (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SquawkCase);
  const plain = new Map<string, Tally>();
  const tuned = new Map<string, Tally>();
  const disagreements: string[] = [];
  const skipped = new Map<string, number>();
  let throughAlias = 0;
  for (const squawkCase of all) {
    const accepted = SQUAWK_RULE_MAP[squawkCase.rule];
    if (!accepted) {
      skipped.set(squawkCase.rule, (skipped.get(squawkCase.rule) ?? 0) + 1);
      continue;
    }
    const hazards = lintMigration(squawkCase.sql, toLintOptions(squawkCase.settings));
    const fired = hazards.some((hazard) => accepted.includes(hazard.rule));
    if (fired && !hazards.some((hazard) => hazard.rule === squawkCase.rule)) throughAlias += 1;
    const unparsed = hazards.some((hazard) => hazard.rule === 'parse-error');
    const agreed = !unparsed && fired === (squawkCase.expect === 'error');
    const tally = upsert(squawkCase.settings === null ? plain : tuned, squawkCase.rule);
    tally.cases += 1;
    if (agreed) tally.agreed += 1;
    else disagreements.push(describeDisagreement(squawkCase, fired, unparsed));
  }
  const overall = sum(plain);
  const settings = sum(tuned);
  const lines = [
    `squawk cases: ${all.length}; dten implements ${Object.keys(SQUAWK_RULE_MAP).length} of squawk's rules`,
    'per rule (default settings; cases squawk runs with settings in brackets):',
    ...[...new Set([...plain.keys(), ...tuned.keys()])].sort().map((rule) => {
      const a = plain.get(rule) ?? { agreed: 0, cases: 0 };
      const b = tuned.get(rule);
      return `  ${rule.padEnd(46)} ${a.agreed}/${a.cases}${b ? `  [settings ${b.agreed}/${b.cases}]` : ''}`;
    }),
    `agreement, default settings: ${overall.agreed}/${overall.cases} = ${ratio(overall).toFixed(3)}`,
    `agreement, cases with settings (assume_in_transaction and pg_version applied; "custom" run with defaults): ${settings.agreed}/${settings.cases} = ${ratio(settings).toFixed(3)}`,
    `answered through an alias: ${throughAlias} case(s) (require-timeout-settings is reported as require-lock-timeout / require-statement-timeout; a foreign key without NOT VALID is reported once, as adding-foreign-key-constraint, which also answers constraint-missing-not-valid)`,
    `disagreements (${disagreements.length}):`,
    ...disagreements.map((line) => `  ${line}`),
    `skipped rules (${skipped.size} rules, ${sum2(skipped)} cases):`,
    ...[...skipped]
      .sort()
      .map(([rule, count]) => `  ${rule} (${count}): ${SQUAWK_SKIPPED[rule] ?? 'not checked by dten'}`),
  ];
  return { lines, agreement: ratio(overall), cases: overall.cases };
}

/** squawk's settings arrive as the Rust struct literal from its test; only two fields have a dten equivalent. */
function toLintOptions(settings: string | null): LintOptions {
  if (settings === null) return {};
  const version = /pg_version: "(\d+)"/.exec(settings)?.[1];
  return {
    assumeInTransaction: settings.includes('assume_in_transaction: true'),
    ...(version ? { postgresMajor: Number(version) } : {}),
  };
}

function describeDisagreement(squawkCase: SquawkCase, fired: boolean, unparsed: boolean): string {
  const said = unparsed ? 'dten could not parse the SQL' : fired ? 'dten reported it' : 'dten said nothing';
  const settings =
    squawkCase.settings === null
      ? ''
      : ` [settings: ${squawkCase.settings.replace(/,? *\.\.Default::default\(\)/, '')}]`;
  const why = SQUAWK_DELIBERATE[squawkCase.test];
  return `${squawkCase.rule} / ${squawkCase.test}: squawk expects ${squawkCase.expect}, ${said}${settings}${why ? ` (deliberate: ${why})` : ''}`;
}

function upsert(map: Map<string, Tally>, rule: string): Tally {
  const tally = map.get(rule) ?? { agreed: 0, cases: 0 };
  map.set(rule, tally);
  return tally;
}

function sum(map: Map<string, Tally>): Tally {
  return [...map.values()].reduce(
    (total, tally) => ({ agreed: total.agreed + tally.agreed, cases: total.cases + tally.cases }),
    { agreed: 0, cases: 0 },
  );
}

function sum2(map: Map<string, number>): number {
  return [...map.values()].reduce((total, count) => total + count, 0);
}

function ratio({ agreed, cases }: Tally): number {
  return cases === 0 ? 1 : agreed / cases;
}
