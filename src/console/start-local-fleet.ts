import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../agent/host/free-port.js';
import { createHostLayout } from '../agent/host/host-layout.js';
import { pickChildEnv } from '../agent/host/pick-child-env.js';
import { stopStartedUnits } from '../agent/host/stop-started-units.js';
import { createRedisConnection } from '../bullmq/create-redis-connection.js';
import { createHostRegistry } from '../bullmq/host-registry.js';
import type { Config } from '../config.js';
import { buildUpgradePair } from '../examples/build-upgrade-pair.js';
import type { Logger } from '../logger.js';
import { createDirectoryPackageStore } from '../package-store/create-directory-package-store.js';
import { localAgentEnv } from './local-agent-env.js';
import { seedLocalHost, type LocalHost } from './seed-local-host.js';
import { spawnLocalAgent, type LocalAgent } from './spawn-local-agent.js';
import { waitForAgents } from './wait-for-agents.js';

export interface LocalFleetOptions {
  /** Default 5: web-1 … web-5. */
  hosts?: number;
  /** Default `env=demo`. */
  labels?: Record<string, string>;
  /** How long the agents may take to register. Default 60 s. */
  startTimeoutMs?: number;
  /** How long an agent may take to stop after SIGTERM before it is killed. Default 35 s (its own grace is 30 s). */
  stopGraceMs?: number;
}

export interface LocalFleet {
  hosts: LocalHost[];
  /** One `dten agent` process per host, in the order of `hosts`. */
  agents: readonly LocalAgent[];
  /** The package store the agents fetch from; it holds the upgrade under `packageKey`. */
  packageDir: string;
  packageKey: string;
  /** The version the hosts run before the upgrade, and the upgrade's. */
  versions: { installed: string; upgrade: string };
  /** The example vendor's root CA (PEM file), to trust in preflight. */
  vendorRootCaFile: string;
  close(): Promise<void>;
}

const LOCAL_PACKAGE_KEY = 'Full-upgrade-package-dten.zip';

/**
 * A fleet on this machine for the console: the example packages are built, each host root gets 4.1.0 installed
 * and running under the exec adapter on its own port, 4.2.0 goes into a package store, and one `dten agent` child
 * process per host registers in Redis under `config.queuePrefix` with `config.jobKey`. `close` stops the agents,
 * then their services, and removes every file.
 */
export async function startLocalFleet(
  config: Config,
  log: Logger,
  options: LocalFleetOptions = {},
): Promise<LocalFleet> {
  if (!config.jobKey) throw new TypeError('a local fleet needs the job key its agents verify jobs with');
  const dir = await mkdtemp(join(tmpdir(), 'dten-local-fleet-'));
  const hostsDir = join(dir, 'hosts');
  const hosts: LocalHost[] = [];
  const agents: LocalAgent[] = [];
  let closing = false;
  const close = async (): Promise<void> => {
    closing = true;
    await Promise.all(agents.map((agent) => agent.stop(options.stopGraceMs ?? 35_000)));
    // Every root, also one whose seeding failed half-way with its service already running.
    const roots = await readdir(hostsDir).catch(() => [] as string[]);
    for (const root of roots) await stopStartedUnits(createHostLayout(join(hostsDir, root))).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const pair = await buildUpgradePair(join(dir, 'examples'));
    const store = createDirectoryPackageStore(join(dir, 'packages'));
    await store.put(pair.ready.outFile, LOCAL_PACKAGE_KEY);
    const vendorRootCaFile = join(dir, 'vendor-root-ca.pem');
    await writeFile(vendorRootCaFile, pair.ready.rootCaPem);
    const hostIds = Array.from({ length: options.hosts ?? 5 }, (_, i) => `web-${i + 1}`);
    const ports = new Set<number>();
    while (ports.size < hostIds.length) ports.add(await freePort());
    await mkdir(join(dir, 'logs'));
    const childEnv = pickChildEnv(process.env);
    const seeded = await Promise.all(
      [...ports].map((port, i) =>
        seedLocalHost({ dir: hostsDir, hostId: hostIds[i]!, port, installed: pair.previous, env: childEnv, log }),
      ),
    );
    hosts.push(...seeded);
    const env = localAgentEnv(config, store.dir, childEnv);
    for (const host of hosts) {
      agents.push(
        await spawnLocalAgent({
          hostId: host.hostId,
          root: host.layout.root,
          labels: options.labels ?? { env: 'demo' },
          env: { ...env, DTEN_SERVICE_PORT: String(host.port) },
          cwd: dir,
          logFile: join(dir, 'logs', `${host.hostId}.log`),
        }),
      );
    }
    const redis = await createRedisConnection(config.redisUrl, 'producer');
    try {
      const registry = createHostRegistry({ redis, prefix: config.queuePrefix, heartbeatTtlMs: 60_000 });
      await waitForAgents(agents, registry, options.startTimeoutMs ?? 60_000);
    } finally {
      await redis.quit().catch(() => undefined);
    }
    for (const agent of agents) {
      agent.child.once('exit', (code, signal) => {
        if (closing) return;
        void agent
          .tail()
          .then((tail) => log.error({ hostId: agent.hostId, code, signal, tail }, 'a local agent stopped'));
      });
    }
    log.info({ hosts: hostIds, dir }, 'local fleet ready');
    return {
      hosts,
      agents,
      packageDir: store.dir,
      packageKey: LOCAL_PACKAGE_KEY,
      versions: { installed: pair.previous.version, upgrade: pair.ready.version },
      vendorRootCaFile,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
