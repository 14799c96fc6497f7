/**
 * npm run bench:rollout — a no-op package rolled out through the real control plane to simulated hosts (BullMQ
 * Workers in a few fleet processes), next to the same number of no-op jobs run raw on the same queues and Workers.
 * Usage: npm run bench:rollout [-- <host counts, comma-separated> [<fleet processes>]] (default 200,1000 and 2).
 */
import { loadConfig } from '../src/config.js';
import { benchHostId } from './bench-host-id.js';
import { runEnginePhase, type EngineResult } from './run-engine-phase.js';
import { runRawPhase } from './run-raw-phase.js';

const sizes = (process.argv[2] ?? '200,1000').split(',').map(Number);
const processes = Number(process.argv[3] ?? 2);
// The default poll: a finished batch of host jobs wakes the step job at once, so the poll only finds silent hosts.
const { pollMs } = loadConfig({}).control;
const JOBS_PER_HOST = 3; // preflight, install, cleanup

const size = (bytes: number): string =>
  Math.abs(bytes) < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
const benchStarted = Date.now();
console.log(
  `rollout of a no-op package: canary 1, batches of 10%, max errors 0, poll ${pollMs} ms; hosts in ${processes} fleet process(es)`,
);
const rows: Array<{ hosts: number; engine: EngineResult; raw: number; rawInOrder: number }> = [];
try {
  for (const hosts of sizes) {
    const engine = await runEnginePhase({ hosts, processes, pollMs });
    if (engine.jobs !== hosts * JOBS_PER_HOST)
      console.warn(`the rollout ran ${engine.jobs} host jobs, not ${hosts * JOBS_PER_HOST}`);
    const raw = await runRawPhase({ hosts, processes, jobsPerHost: JOBS_PER_HOST });
    // The same jobs in the rollout's order: every host's preflight, then each wave, then every host's cleanup.
    const index = new Map(Array.from({ length: hosts }, (_, i) => [benchHostId(i), i]));
    const everyHost = [...index.values()];
    const waves = engine.waves.map((wave) => wave.map((host) => index.get(host) ?? -1));
    const rawInOrder = await runRawPhase({
      hosts,
      processes,
      jobsPerHost: JOBS_PER_HOST,
      phases: [everyHost, ...waves, everyHost],
    });
    rows.push({ hosts, engine, raw, rawInOrder });
    const { phases } = engine;
    console.log(
      `${hosts} hosts: rollout ${engine.seconds.toFixed(2)} s (preflight ${phases.preflight.toFixed(2)}, ${engine.waves.length} waves ${phases.waves.toFixed(2)}, cleanup ${phases.cleanup.toFixed(2)}), raw ${raw.toFixed(2)} s, raw in the rollout's order ${rawInOrder.toFixed(2)} s`,
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
for (const { hosts, engine, raw, rawInOrder } of rows) {
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
console.log('engine: plan to done, less the wait for the Approve click. Target: at most 1.5x raw per host.');
console.log(
  "in order: the same no-op jobs with no control plane, phase after phase as the rollout runs them (every host's preflight, each wave, every host's cleanup): what the waves cost before the engine adds anything.",
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
      `  ${size(after.bytes.rollout)} / ${size(after.bytes.jobs)} / ${size(after.bytes.events)} / ${size(after.bytes.other - before.bytes.other)}`,
    ].join(' '),
  );
}
console.log(
  'used_memory and clients are the whole server at the end of the rollout; keys and bytes are what it added under its prefix.',
);
console.log('');
for (const { hosts, engine } of rows) {
  const fleet = engine.fleetMaxRssKiB.map((kib) => size(kib * 1024)).join(', ');
  console.log(`${hosts} hosts: control-plane process RSS ${size(engine.rss)}; fleet processes peak RSS ${fleet}`);
}
console.log(`control-plane process peak RSS ${size(process.resourceUsage().maxRSS * 1024)}`);
console.log(`bench took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
