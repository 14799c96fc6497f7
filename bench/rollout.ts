/**
 * npm run bench:rollout — a no-op package rolled out through the real control plane to simulated hosts (BullMQ
 * Workers in a few fleet processes), next to the same number of no-op jobs run raw on the same queues and Workers.
 * Usage: npm run bench:rollout [-- <host counts, comma-separated> [<fleet processes>]] (default 200,1000 and 2).
 */
import { loadConfig } from '../src/config.js';
import { benchHostId } from './bench-host-id.js';
import { runEnginePhase, type EngineResult } from './run-engine-phase.js';
import type { CpuTimes } from './measure-cpu.js';
import { runRawPhase, type RawResult } from './run-raw-phase.js';

const sizes = (process.argv[2] ?? '200,1000').split(',').map(Number);
const processes = Number(process.argv[3] ?? 2);
// The default poll: a finished batch of host jobs wakes the step job at once, so the poll only finds silent hosts.
const { pollMs } = loadConfig({}).control;
const JOBS_PER_HOST = 3; // preflight, install, cleanup
// Issue 3: the engine adds at most half again over raw BullMQ per host.
const TARGET_RATIO = 1.5;

const size = (bytes: number): string =>
  Math.abs(bytes) < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
const benchStarted = Date.now();
console.log(
  `rollout of a no-op package: canary 1, batches of 10%, max errors 0, poll ${pollMs} ms; hosts in ${processes} fleet process(es)`,
);
console.log('each figure is the second run on the same processes: the first warms them up, untimed');
const rows: Array<{ hosts: number; engine: EngineResult; rawRun: RawResult; inOrderRun: RawResult }> = [];
try {
  for (const hosts of sizes) {
    const engine = await runEnginePhase({ hosts, processes, pollMs });
    if (engine.jobs !== hosts * JOBS_PER_HOST)
      console.warn(`the rollout ran ${engine.jobs} host jobs, not ${hosts * JOBS_PER_HOST}`);
    const rawRun = await runRawPhase({ hosts, processes, jobsPerHost: JOBS_PER_HOST });
    // The same jobs in the rollout's order: every host's preflight, then each wave, then every host's cleanup.
    const index = new Map(Array.from({ length: hosts }, (_, i) => [benchHostId(i), i]));
    const everyHost = [...index.values()];
    const waves = engine.waves.map((wave) => wave.map((host) => index.get(host) ?? -1));
    const inOrderRun = await runRawPhase({
      hosts,
      processes,
      jobsPerHost: JOBS_PER_HOST,
      phases: [everyHost, ...waves, everyHost],
    });
    rows.push({ hosts, engine, rawRun, inOrderRun });
    const { phases } = engine;
    const ordered = inOrderRun.phaseSeconds;
    const inOrderWaves = ordered.slice(1, -1).reduce((sum, seconds) => sum + seconds, 0);
    console.log(
      `${hosts} hosts: rollout ${engine.seconds.toFixed(2)} s (preflight ${phases.preflight.toFixed(2)}, ${engine.waves.length} waves ${phases.waves.toFixed(2)}, cleanup ${phases.cleanup.toFixed(2)}), raw ${rawRun.seconds.toFixed(2)} s, raw in the rollout's order ${inOrderRun.seconds.toFixed(2)} s (${ordered[0]?.toFixed(2)}, ${inOrderWaves.toFixed(2)}, ${ordered.at(-1)?.toFixed(2)})`,
    );
  }
} catch (error) {
  console.error(`The bench stopped: ${(error as Error).message}. Check the output above and that Redis is reachable.`);
  process.exit(1);
}

console.log('');
console.log(
  'hosts   jobs   engine s    raw s   engine/raw   engine ms/host   raw ms/host   overhead ms/host   in order s   engine/in order',
);
for (const { hosts, engine, rawRun, inOrderRun } of rows) {
  const [raw, rawInOrder] = [rawRun.seconds, inOrderRun.seconds];
  const perHost = (seconds: number): number => (seconds * 1000) / hosts;
  console.log(
    [
      String(hosts).padStart(5),
      String(engine.jobs).padStart(6),
      engine.seconds.toFixed(2).padStart(10),
      raw.toFixed(2).padStart(8),
      `${(engine.seconds / raw).toFixed(1)}x`.padStart(12),
      perHost(engine.seconds).toFixed(2).padStart(16),
      perHost(raw).toFixed(2).padStart(13),
      perHost(engine.seconds - raw)
        .toFixed(2)
        .padStart(18),
      rawInOrder.toFixed(2).padStart(12),
      `${(engine.seconds / rawInOrder).toFixed(1)}x`.padStart(17),
    ].join(' '),
  );
}
console.log(
  `engine: plan to done, less the wait for the Approve click. Target: at most ${TARGET_RATIO}x raw per host.`,
);
for (const { hosts, engine, rawRun } of rows) {
  const ratio = engine.seconds / rawRun.seconds;
  console.log(`${hosts} hosts: target ${ratio <= TARGET_RATIO ? 'met' : 'missed'} (${ratio.toFixed(2)}x raw)`);
}
console.log(
  "in order: the same no-op jobs with no control plane, phase after phase as the rollout runs them (every host's preflight, each wave, every host's cleanup): what the waves cost before the engine adds anything.",
);
console.log('');
console.log(
  'CPU time per host, ms: this process (control plane, or the raw producer) + fleet processes + Redis = total; total/raw',
);
const cpuTotal = (cpu: CpuTimes): number => cpu.self + cpu.fleet + cpu.redis;
const cpuCells = (cpu: CpuTimes, hosts: number): string => {
  const per = (ms: number): string => (ms / hosts).toFixed(2);
  return `${per(cpu.self)} + ${per(cpu.fleet)} + ${per(cpu.redis)} = ${per(cpuTotal(cpu))}`;
};
for (const { hosts, engine, rawRun, inOrderRun } of rows) {
  const ratio = (cpu: CpuTimes): string => `${(cpuTotal(cpu) / cpuTotal(rawRun.cpu)).toFixed(1)}x`;
  console.log(
    `${String(hosts).padStart(5)}   engine ${cpuCells(engine.cpu, hosts)} (${ratio(engine.cpu)})   raw ${cpuCells(rawRun.cpu, hosts)}   in order ${cpuCells(inOrderRun.cpu, hosts)} (${ratio(inOrderRun.cpu)})`,
  );
}
console.log(
  "The engine's CPU includes the agents' signature checks and the approval wait; on a machine whose cores are all busy, time follows total CPU.",
);
console.log('');
console.log('hosts   used_memory before → after (Δ)        clients    keys   bytes: rollout / jobs / events / other');
for (const { hosts, engine } of rows) {
  const { before, after } = engine;
  console.log(
    [
      String(hosts).padStart(5),
      `${size(before.usedMemory)} → ${size(after.usedMemory)} (${size(after.usedMemory - before.usedMemory)})`.padEnd(
        36,
      ),
      String(after.connectedClients).padStart(8),
      String(after.keys - before.keys).padStart(7),
      `  ${(['rollout', 'jobs', 'events', 'other'] as const).map((kind) => size(after.bytes[kind] - before.bytes[kind])).join(' / ')}`,
    ].join(' '),
  );
}
console.log(
  'used_memory and clients are the whole server at the end of the measured rollout; keys and bytes are what it added under its prefix.',
);
console.log('');
for (const { hosts, engine } of rows) {
  const fleet = engine.fleetMaxRssKiB.map((kib) => size(kib * 1024)).join(', ');
  console.log(`${hosts} hosts: control-plane process RSS ${size(engine.rss)}; fleet processes peak RSS ${fleet}`);
}
console.log(`control-plane process peak RSS ${size(process.resourceUsage().maxRSS * 1024)}`);
console.log(`bench took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
