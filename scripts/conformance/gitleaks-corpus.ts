import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { findCredentials } from '../../src/preflight/detectors/credential/find-credentials.js';

interface Sample {
  rule: string;
  kind: 'tp' | 'fp';
  text: string;
}

interface Tally {
  tp: number;
  found: number;
  fp: number;
  flagged: number;
}

export interface GitleaksMeasure {
  lines: string[];
  /** Recall on the held-out part (samples whose index % 5 == 0), which the detector was not tuned on. */
  recall: number;
  /** False-positive rate on the held-out part. */
  falsePositiveRate: number;
}

function isHeldOutRule(rule: string): boolean {
  return (createHash('sha1').update(rule).digest()[0] ?? 0) % 5 === 0;
}

function tally(samples: readonly { sample: Sample; hit: boolean }[]): Tally {
  const out = { tp: 0, found: 0, fp: 0, flagged: 0 };
  for (const { sample, hit } of samples) {
    if (sample.kind === 'tp') [out.tp, out.found] = [out.tp + 1, out.found + (hit ? 1 : 0)];
    else [out.fp, out.flagged] = [out.fp + 1, out.flagged + (hit ? 1 : 0)];
  }
  return out;
}

function describe(label: string, t: Tally): string {
  const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
  return `${label}: recall ${pct(t.found, t.tp)} (${t.found}/${t.tp}), false positives ${pct(t.flagged, t.fp)} (${t.flagged}/${t.fp})`;
}

function worst(results: readonly { sample: Sample; hit: boolean }[], kind: Sample['kind'], wanted: boolean): string {
  const counts = new Map<string, number>();
  for (const { sample, hit } of results)
    if (sample.kind === kind && hit === wanted) counts.set(sample.rule, (counts.get(sample.rule) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
  return top.length === 0 ? 'none' : top.map(([rule, count]) => `${rule} ${count}`).join(', ');
}

/** Measures the credential detector on gitleaks' labelled rule samples; prints rule names and counts, never a sample. */
export async function measureGitleaks(corporaDir: string): Promise<GitleaksMeasure> {
  const file = join(corporaDir, 'gitleaks-samples', 'rule-samples.jsonl.gz');
  if (!existsSync(file))
    return { lines: [`gitleaks: skipped, ${file} is absent`], recall: Number.NaN, falsePositiveRate: Number.NaN };
  const samples = gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Sample);
  const results = samples.map((sample, index) => ({ sample, index, hit: findCredentials(sample.text).length > 0 }));
  const tuning = tally(results.filter((r) => r.index % 5 !== 0));
  const heldOut = tally(results.filter((r) => r.index % 5 === 0));
  const lines = [
    `gitleaks: ${samples.length} labelled samples`,
    describe('  tuning part (index % 5 != 0)', tuning),
    describe('  held-out part (index % 5 == 0)', heldOut),
    describe('  all', tally(results)),
    // Each secret appears in about 26 formats, so an index split shares secrets; holding out whole rules does not.
    describe(
      '  whole rules held out (sha1(rule) % 5 == 0)',
      tally(results.filter((r) => isHeldOutRule(r.sample.rule))),
    ),
    `  most missed rules: ${worst(results, 'tp', false)}`,
    `  most false positives: ${worst(results, 'fp', true)}`,
  ];
  return { lines, recall: heldOut.found / heldOut.tp, falsePositiveRate: heldOut.flagged / heldOut.fp };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const measure = await measureGitleaks(process.argv[2] ?? join(process.cwd(), '..', 'shared', 'corpora'));
  console.log(measure.lines.join('\n'));
}
