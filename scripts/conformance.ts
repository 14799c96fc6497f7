/**
 * Measures the preflight against other projects' test data in ../shared/corpora (never copied into this repo).
 * Prints every number; exits 1 only on a broken contract (a hostile zip accepted, a good zip refused) or a
 * regression below the recorded floors.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkYauzlCorpus } from './conformance/yauzl-corpus.js';
import { measureGitleaks } from './conformance/gitleaks-corpus.js';
import { measureSquawk } from './conformance/squawk-corpus.js';

const FLOORS = { gitleaksRecall: 0.8, gitleaksFalsePositiveRate: 0.15, squawkAgreement: 0.8 };

const corporaDir = resolve(process.argv[2] ?? process.env.DTEN_CORPORA_DIR ?? '../shared/corpora');
if (!existsSync(corporaDir)) {
  console.log(`conformance: ${corporaDir} not found; nothing to measure (a fresh clone has no ../shared).`);
  process.exit(0);
}

const problems: string[] = [];

console.log('== yauzl corpus (archive safety) ==');
const yauzl = await checkYauzlCorpus(corporaDir);
for (const line of yauzl.lines) console.log(line);
if (yauzl.failures > 0) problems.push(`${yauzl.failures} yauzl corpus case(s) handled wrongly`);

console.log('\n== gitleaks samples (credentials) ==');
const gitleaks = await measureGitleaks(corporaDir);
for (const line of gitleaks.lines) console.log(line);
if (gitleaks.recall < FLOORS.gitleaksRecall)
  problems.push(`gitleaks recall ${gitleaks.recall.toFixed(3)} < ${FLOORS.gitleaksRecall}`);
if (gitleaks.falsePositiveRate > FLOORS.gitleaksFalsePositiveRate) {
  problems.push(
    `gitleaks false-positive rate ${gitleaks.falsePositiveRate.toFixed(3)} > ${FLOORS.gitleaksFalsePositiveRate}`,
  );
}

console.log('\n== squawk cases (migration locks) ==');
const squawk = await measureSquawk(corporaDir);
for (const line of squawk.lines) console.log(line);
if (squawk.agreement < FLOORS.squawkAgreement)
  problems.push(`squawk agreement ${squawk.agreement.toFixed(3)} < ${FLOORS.squawkAgreement}`);

console.log(
  problems.length === 0 ? '\nconformance: all contracts held' : `\nconformance FAILED: ${problems.join('; ')}`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
