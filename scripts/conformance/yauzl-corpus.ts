import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFailureZip } from './check-failure-zip.js';
import { checkSuccessZip } from './check-success-zip.js';
import { readExpectedContents } from './read-expected-contents.js';

const DEADLINE_MS = 30_000;

/** Where the corpus copy itself disagrees with the zip (checked with zipinfo and Python's zipfile). */
const KNOWN_CORPUS_GAPS: Record<string, string> = {
  'everything.zip': 'the expected folder lacks a/b/000–999, 1,000 empty files that zipinfo and Python also list',
};

/**
 * yauzl's own test zips (../shared/corpora): every `yauzl-failure` zip must be refused with a one-line reason,
 * every `yauzl-success` zip must open with the names and sizes of the folder beside it. Misses are counted.
 */
export async function checkYauzlCorpus(corporaDir: string): Promise<{ lines: string[]; failures: number }> {
  const failureDir = join(corporaDir, 'yauzl-failure');
  const successDir = join(corporaDir, 'yauzl-success');
  if (!existsSync(failureDir) || !existsSync(successDir)) {
    return { lines: [`yauzl corpus not found under ${corporaDir}; skipped`], failures: 0 };
  }
  const lines: string[] = ['failure zips (each must be refused):'];
  const failureZips = await listZips(failureDir);
  let refused = 0;
  let keptWords = 0;
  for (const zip of failureZips) {
    const outcome = await withDeadline(checkFailureZip(join(failureDir, zip)), zip);
    lines.push(outcome?.line ?? `  HUNG     ${zip}: no answer within ${DEADLINE_MS / 1000} s`);
    if (outcome?.refused) refused += 1;
    if (outcome?.keptYauzlWords) keptWords += 1;
  }
  lines.push('success zips (each must open with the expected names and sizes):');
  const successZips = await listZips(successDir);
  let opened = 0;
  let matched = 0;
  let verified = 0;
  let knownGaps = 0;
  for (const zip of successZips) {
    const expected = await readExpectedContents(join(successDir, zip.replace(/\.zip$/, '')));
    const outcome = await withDeadline(checkSuccessZip(join(successDir, zip), expected), zip);
    const gap = outcome?.opened && !outcome.matched ? KNOWN_CORPUS_GAPS[zip] : undefined;
    lines.push(
      (outcome?.line ?? `  HUNG     ${zip}: no answer within ${DEADLINE_MS / 1000} s`) +
        (gap ? ` (known corpus gap: ${gap})` : ''),
    );
    if (outcome?.opened) opened += 1;
    if (outcome?.matched) matched += 1;
    if (gap) knownGaps += 1;
    if (outcome?.contentsVerified) verified += 1;
  }
  const other = refused - keptWords;
  lines.push(
    `failure zips refused ${refused}/${failureZips.length} (with yauzl's own words in ${keptWords}, with a reason from dten's own checks in ${other})`,
    `success zips opened ${opened}/${successZips.length}; names and sizes matched ${matched}/${successZips.length} (${knownGaps} more differ only where the corpus copy is known to be incomplete); contents inflated and compared ${verified}/${successZips.length}`,
  );
  return { lines, failures: failureZips.length - refused + (successZips.length - matched - knownGaps) };
}

async function listZips(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.zip')).sort();
}

async function withDeadline<T>(work: Promise<T>, _label: string): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), DEADLINE_MS).unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
