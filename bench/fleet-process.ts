/**
 * One process of simulated hosts for bench/rollout.ts, forked with the bench's environment. Usage:
 * fleet-process.ts <agent|noop> <first host index> <host count>. `agent` answers signed jobs like dten's agent
 * (test/helpers/simulated-fleet.ts); `noop` completes any job at once and answers an `expect` message with `drained`
 * once that many jobs in all have completed (one message per phase, not per job). Close with a `close` message; it
 * answers `closed` with the jobs it ran and its peak RSS.
 */
import { createRedisConnection } from '../src/bullmq/create-redis-connection.js';
import { createHostRegistry } from '../src/bullmq/host-registry.js';
import { loadConfig } from '../src/config.js';
import { startHostWorkers } from '../test/helpers/start-host-workers.js';
import { startSimulatedFleet } from '../test/helpers/simulated-fleet.js';
import { benchHostId } from './bench-host-id.js';
import type { BenchMessage, FleetMessage } from './fleet-message.js';

const [mode, first, count] = process.argv.slice(2);
const config = loadConfig();
const hosts = Array.from({ length: Number(count) }, (_, i) => benchHostId(Number(first) + i));
const send = (message: FleetMessage): void => void process.send?.(message);
// The bench died: nothing would ever close these Workers.
process.on('disconnect', () => process.exit(1));

const [connection, producer] = await Promise.all([
  createRedisConnection(config.redisUrl, 'worker'),
  createRedisConnection(config.redisUrl, 'producer'),
]);
let jobs = (): number => 0;
let expected = Infinity;
const answerWhenDrained = (): void => {
  if (jobs() < expected) return;
  send({ kind: 'drained', total: expected });
  expected = Infinity;
};
let closeHosts: () => Promise<void>;
if (mode === 'agent') {
  const fleet = await startSimulatedFleet({
    connection,
    prefix: config.queuePrefix,
    jobKey: config.jobKey ?? '',
    hosts,
    registry: createHostRegistry({
      redis: producer,
      prefix: config.queuePrefix,
      heartbeatTtlMs: config.heartbeatSeconds * 3000,
    }),
  });
  jobs = () => [...fleet.ran.values()].reduce((sum, steps) => sum + steps.length, 0);
  closeHosts = () => fleet.close();
} else {
  let completed = 0;
  const workers = await startHostWorkers({
    connection,
    prefix: config.queuePrefix,
    hosts,
    run: () => Promise.resolve(null),
  });
  for (const worker of workers.workers) {
    worker.on('completed', () => {
      completed += 1;
      answerWhenDrained();
    });
  }
  jobs = () => completed;
  closeHosts = () => workers.close();
}
process.on('message', (message: BenchMessage) => {
  if (message.kind === 'expect') {
    expected = message.total;
    return answerWhenDrained();
  }
  void (async () => {
    await closeHosts();
    await Promise.all([connection.quit(), producer.quit()]);
    const closed: FleetMessage = { kind: 'closed', jobs: jobs(), maxRssKiB: process.resourceUsage().maxRSS };
    process.send?.(closed, () => process.exit(0));
  })();
});
send({ kind: 'ready' });
