/**
 * npm run bench:preflight — preflight throughput and peak RSS next to inflate-only throughput of the same
 * archive, each phase in a fresh process. Usage: npm run bench:preflight [-- <total MiB>] (default 400).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildLargePackage } from './build-large-package.js';

const totalMiB = Number(process.argv[2] ?? 400);
const textFiles = 3000;
const binaryFiles = 200;
const textBytes = Math.round((totalMiB * 0.5 * 1024 ** 2) / textFiles);
const binaryBytes = Math.round((totalMiB * 0.5 * 1024 ** 2) / binaryFiles);
const zipPath = fileURLToPath(new URL(`../build/bench/large-${totalMiB}MiB.zip`, import.meta.url));

console.log(
  `building ${zipPath} (${textFiles} text files, ${binaryFiles} binaries, ~${totalMiB} MiB uncompressed; reused when present)`,
);
await buildLargePackage(zipPath, { textFiles, textBytes, binaryFiles, binaryBytes });

interface PhaseResult {
  phase: string;
  bytes: number;
  seconds: number;
  maxRssKiB: number;
  findings: number;
}

function runPhase(phase: 'inflate' | 'preflight'): PhaseResult {
  const script = fileURLToPath(new URL('./preflight-phase.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, phase, zipPath], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as PhaseResult;
}

const results = [runPhase('inflate'), runPhase('preflight'), runPhase('inflate'), runPhase('preflight')];
const best = (phase: string) => results.filter((r) => r.phase === phase).sort((a, b) => a.seconds - b.seconds)[0]!;
const inflate = best('inflate');
const preflight = best('preflight');
const mbps = (r: PhaseResult) => r.bytes / 1024 ** 2 / r.seconds;

console.log('');
console.log(`phase        MiB/s    seconds  peak RSS   bytes`);
for (const r of [inflate, preflight]) {
  console.log(
    `${r.phase.padEnd(11)} ${mbps(r).toFixed(1).padStart(7)}  ${r.seconds.toFixed(2).padStart(7)}  ${(r.maxRssKiB / 1024).toFixed(0).padStart(5)} MiB  ${r.bytes}`,
  );
}
console.log('');
console.log(
  `preflight costs ${(preflight.seconds / inflate.seconds).toFixed(2)}x inflate-only time (best of 2 each); ${preflight.findings} findings`,
);
console.log(`peak RSS ${(preflight.maxRssKiB / 1024).toFixed(0)} MiB (target < 200 MiB)`);
