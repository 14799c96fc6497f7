/**
 * npm run bench:preflight — preflight throughput and peak RSS next to inflate-only throughput of the same
 * archive, each phase in a fresh process running JavaScript compiled by tsc, as `npx dten preflight` runs (tsx's
 * loader would add its own thread and memory to the figures). Usage: npm run bench:preflight [-- <total MiB>]
 * (default 400).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildLargePackage } from './build-large-package.js';

const require = createRequire(import.meta.url);
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

console.log('compiling the phases (bench/tsconfig.json)');
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', fileURLToPath(new URL('./tsconfig.json', import.meta.url))],
  {
    stdio: 'inherit',
  },
);
const script = fileURLToPath(new URL('../build/bench-js/bench/preflight-phase.js', import.meta.url));

function runPhase(phase: 'inflate' | 'reader' | 'preflight'): PhaseResult {
  const out = execFileSync(process.execPath, [script, phase, zipPath], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as PhaseResult;
}

const phases = ['inflate', 'reader', 'preflight'] as const;
const results = [...phases, ...phases].map(runPhase);
const best = (phase: string) => results.filter((r) => r.phase === phase).sort((a, b) => a.seconds - b.seconds)[0]!;
const [inflate, reader, preflight] = phases.map(best) as [PhaseResult, PhaseResult, PhaseResult];
const mbps = (r: PhaseResult) => r.bytes / 1024 ** 2 / r.seconds;

console.log('');
console.log(`phase        MiB/s    seconds  peak RSS   bytes`);
for (const r of [inflate, reader, preflight]) {
  console.log(
    `${r.phase.padEnd(11)} ${mbps(r).toFixed(1).padStart(7)}  ${r.seconds.toFixed(2).padStart(7)}  ${(r.maxRssKiB / 1024).toFixed(0).padStart(5)} MiB  ${r.bytes}`,
  );
}
console.log('');
console.log(
  `preflight costs ${(preflight.seconds / inflate.seconds).toFixed(2)}x inflate-only time (plain yauzl, one entry after another; best of 2 each); ${preflight.findings} findings`,
);
console.log(
  `preflight costs ${(preflight.seconds / reader.seconds).toFixed(2)}x the time of dten's own reader alone (its checks, entries inflated ahead on libuv's threads, nothing scanned)`,
);
console.log(`peak RSS ${(preflight.maxRssKiB / 1024).toFixed(0)} MiB (target < 200 MiB)`);
