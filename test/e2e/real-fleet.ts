import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import type { HostStepContext } from '../../src/agent/steps/host-step-context.js';
import { installOnHost } from '../../src/agent/steps/install-on-host.js';
import { createHostQueueRegistry, type HostQueueRegistry } from '../../src/bullmq/create-host-queue-registry.js';
import { createRedisConnection } from '../../src/bullmq/create-redis-connection.js';
import { startControlPlane, type ControlPlane } from '../../src/bullmq/start-control-plane.js';
import { loadConfig } from '../../src/config.js';
import { decideRollout } from '../../src/control/decide-rollout.js';
import { planRollout } from '../../src/control/plan-rollout.js';
import type { ApprovalDecision } from '../../src/core/rollout/decide-approval.js';
import { digestPlan } from '../../src/core/rollout/digest-plan.js';
import type { PlanInput } from '../../src/core/rollout/plan.js';
import type { Rollout } from '../../src/core/rollout/rollout.js';
import type { RolloutState } from '../../src/core/rollout/rollout-state.js';
import { hostJobId } from '../../src/jobs/job-id.js';
import type { HostStep } from '../../src/jobs/job-names.js';
import type { HostFixtures } from '../agent-host/build-host-fixtures.js';
import { stopStartedUnits } from '../../src/agent/host/stop-started-units.js';
import { createTestHostContext } from '../agent-steps/create-test-host-context.js';
import { fetchFixturePackage, fixtureRef } from '../agent-steps/fixture-packages.js';
import { deleteKeysUnder, freshPrefix, REDIS_URL } from '../bullmq/redis-test.js';
import { controlEnv, POLICY } from '../control/control-test-plane.js';
import { freePort } from '../../src/agent/host/free-port.js';
import { createTestSchema, testConnectionString, type TestSchema } from '../postgres/postgres-test-schema.js';
import type { FleetPackages } from './build-fleet-packages.js';
import { spawnDten, type DtenProcess } from './spawn-dten.js';
import { waitUntil } from './wait-until.js';
import { writeNodeShim } from './write-node-shim.js';

/** A schedule that fires inside any window: every install pauses it, every cleanup or rollback restores it. */
export const REINDEX_CRON = '* * * * * root /opt/dten/current/bin/dten-helper reindex\n';

export interface FleetHost {
  id: string;
  layout: HostLayout;
  /** The live config 4.1.0 ran with before the rollout. */
  seededConfig: string;
  /** With `faulty`: while this file exists, the host's 4.2.0 answers 500 on /health. */
  faultFile: string | undefined;
  agent: DtenProcess;
  /** Starts its `dten agent` again, on the same root and environment (after `agent.kill9()`). */
  restartAgent(): Promise<DtenProcess>;
}

export interface RealFleet {
  prefix: string;
  /** The fleet's database: 4.1.0's tables, and the record table of applied migrations. */
  schema: TestSchema;
  hosts: FleetHost[];
  host(id: string): FleetHost;
  /** In this process: it plans, approves and reads; it drives rollouts too unless `controlProcess` was asked for. */
  plane: ControlPlane;
  /** With `controlProcess`: `dten control` as its own process. */
  control: DtenProcess | undefined;
  startControl(): DtenProcess;
  /** The hosts' queues, for reading job outcomes and for adding jobs the control plane did not sign. */
  queues: HostQueueRegistry;
  /** Plans the 4.2.0 rollout as U-ALICE with canary 1, batches of 2, a window open for the next hour. */
  plan(overrides?: Partial<PlanInput>): Promise<Rollout>;
  decide(rollout: Rollout, approver: string): Promise<ApprovalDecision>;
  waitFor(rolloutId: string, states: readonly RolloutState[], timeoutMs?: number): Promise<Rollout>;
  /** What the host's agent returned for a step of a rollout (BullMQ keeps it). */
  jobResult(hostId: string, rolloutId: string, step: HostStep): Promise<unknown>;
  close(): Promise<void>;
}

export interface RealFleetOptions {
  packages: FleetPackages;
  hosts: readonly string[];
  /** Hosts whose 4.2.0 fails its health check while their `faultFile` exists (created at start). */
  faulty?: readonly string[];
  /** Drive rollouts from a `dten control` child instead of this process. */
  controlProcess?: boolean;
  agentLockSeconds?: number;
}

/**
 * Hosts seeded with 4.1.0 (its migrations applied, its dten.service running, a schedule in cron), each with its
 * own `dten agent` child on its own root, and a control plane: the whole system on one machine. `close` leaves no
 * process, Redis key, schema or file behind (the host roots live in the packages' folder).
 */
export async function startRealFleet(options: RealFleetOptions): Promise<RealFleet> {
  const { fixtures, storeDir } = options.packages;
  const prefix = freshPrefix();
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw new AggregateError(errors, 'the fleet did not close cleanly');
  };
  try {
    const schema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const redis = await createRedisConnection(REDIS_URL, 'producer');
    cleanups.push(() => redis.quit());
    cleanups.push(() => deleteKeysUnder(redis, prefix));
    const queues = createHostQueueRegistry({ connection: redis, prefix, keepJobsSeconds: 3600 });
    cleanups.push(() => queues.close());
    const work = join(fixtures.dir, prefix);
    await mkdir(work, { recursive: true });
    const shared = controlEnv(prefix, { LOG_LEVEL: 'info' });
    const database = { connectionString: testConnectionString(), schema: schema.name };
    const plane = await startControlPlane(loadConfig(shared), pino({ level: 'silent' }), {
      drive: !options.controlProcess,
    });
    cleanups.push(() => plane.close());
    const spawnIn = (name: string, args: string[], env: Record<string, string>): DtenProcess => {
      const child = spawnDten(args, { cwd: work, env, logFile: join(work, `${name}.log`) });
      cleanups.push(() => child.stop());
      return child;
    };

    // Each agent boots (seconds under tsx) while its host is seeded: nothing is asked of it before the plan.
    const fleet = await Promise.all(
      options.hosts.map(async (id): Promise<FleetHost> => {
        const layout = await fixtures.newHost();
        cleanups.push(() => stopStartedUnits(layout));
        const faultFile = options.faulty?.includes(id) ? join(work, `${id}-fault`) : undefined;
        let path = process.env.PATH ?? '';
        if (faultFile !== undefined) {
          await writeFile(faultFile, 'dten-server 4.2.0 on this host fails its health check while this file exists\n');
          const shim = await writeNodeShim(join(work, `${id}-shim`), { version: fixtures.ready.version, faultFile });
          path = `${shim}:${path}`;
        }
        const env = {
          ...shared,
          PATH: path,
          DTEN_PACKAGE_DIR: storeDir,
          DTEN_DATABASE_URL: database.connectionString,
          DTEN_DATABASE_SCHEMA: database.schema,
          DTEN_SERVICE_ADAPTER: 'exec',
          DTEN_SERVICE_PORT: String(await freePort()),
          ...(options.agentLockSeconds !== undefined && { DTEN_AGENT_LOCK_SECONDS: String(options.agentLockSeconds) }),
        };
        const startAgent = (): DtenProcess => spawnIn(id, ['agent', '--host', id, '--root', layout.root], env);
        const host: FleetHost = {
          id,
          layout,
          seededConfig: '',
          faultFile,
          agent: startAgent(),
          async restartAgent() {
            host.agent = startAgent();
            await waitForAgent(plane, host, Date.now());
            return host.agent;
          },
        };
        host.seededConfig = await seedHost(fixtures, layout, database);
        await waitForAgent(plane, host, 0);
        return host;
      }),
    );

    let control: DtenProcess | undefined;
    const startControl = (): DtenProcess => (control = spawnIn('control', ['control'], shared));
    if (options.controlProcess) startControl();

    const byId = new Map(fleet.map((host) => [host.id, host]));
    return {
      prefix,
      schema,
      hosts: fleet,
      host: (id) => byId.get(id) ?? noSuchHost(id),
      plane,
      get control() {
        return control;
      },
      startControl,
      queues,
      plan: (overrides = {}) =>
        planRollout(plane.ctx, {
          plan: {
            packageDigest: fixtures.ready.sha256,
            packageVersion: fixtures.ready.version,
            packageSource: { key: fixtureRef(fixtures.ready).key },
            targets: fleet.map((host) => host.id),
            canary: 1,
            batch: { kind: 'count', n: 2 },
            window: { start: new Date(Date.now() - 60_000).toISOString(), durationMinutes: 60 },
            requester: 'U-ALICE',
            ...overrides,
          },
          release: options.packages.release,
        }),
      async decide(rollout, approver) {
        const { decision } = await decideRollout(plane.ctx, {
          rolloutId: rollout.id,
          digest: digestPlan(rollout.plan),
          approver,
          verdict: 'approve',
          policy: POLICY,
        });
        return decision;
      },
      waitFor: (rolloutId, states, timeoutMs = 90_000) =>
        waitForRollout(plane, rolloutId, states, timeoutMs, fleet, () => control),
      async jobResult(hostId, rolloutId, step) {
        const job = await queues.queueFor(hostId).getJob(hostJobId({ rolloutId, hostId, attempt: 1 }, step));
        return job?.returnvalue as unknown;
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** 4.1.0 installed by the agent's own install step, its migrations applied, a schedule in cron; returns its config. */
async function seedHost(
  fixtures: HostFixtures,
  layout: HostLayout,
  database: NonNullable<HostStepContext['database']>,
): Promise<string> {
  const seeded = await createTestHostContext(layout, { database, fetchPackage: fetchFixturePackage(fixtures) });
  await installOnHost(seeded.ctx, {
    rolloutId: 'seed',
    package: fixtureRef(fixtures.previous),
    window: { start: new Date(Date.now() - 2 * 3_600_000).toISOString(), durationMinutes: 60 },
    runMigrations: true,
  });
  await mkdir(layout.cronDir, { recursive: true });
  await writeFile(join(layout.cronDir, 'dten-reindex'), REINDEX_CRON);
  return readFile(join(layout.configDir, 'dten.conf'), 'utf8');
}

/** Until the agent registered its facts after `since` (it does at start), or died trying. */
async function waitForAgent(plane: ControlPlane, host: FleetHost, since: number): Promise<void> {
  await waitUntil(
    async () => {
      if (!host.agent.isRunning()) throw new Error(`the agent of ${host.id} exited: ${await host.agent.tail()}`);
      const facts = await plane.hosts.getFacts(host.id);
      return facts && Date.parse(facts.seenAt) >= since ? true : undefined;
    },
    async () => `the agent of ${host.id} never registered: ${await host.agent.tail()}`,
  );
}

async function waitForRollout(
  plane: ControlPlane,
  rolloutId: string,
  states: readonly RolloutState[],
  timeoutMs: number,
  hosts: readonly FleetHost[],
  control: () => DtenProcess | undefined,
): Promise<Rollout> {
  let last: Rollout | undefined;
  return waitUntil(
    async () => {
      last = await plane.store.get(rolloutId);
      return last && states.includes(last.state) ? last : undefined;
    },
    async () => {
      const trail = last?.audit.map((entry) => `${entry.event}→${entry.to}${entry.detail ? ` (${entry.detail})` : ''}`);
      const logs = await Promise.all(hosts.map(async (host) => `--- ${host.id}\n${await host.agent.tail(5)}`));
      const driver = control();
      if (driver) logs.push(`--- dten control\n${await driver.tail(10)}`);
      const hostStates = Object.entries(last?.hosts ?? {}).map(([host, progress]) => `${host}: ${progress.state}`);
      return `rollout ${rolloutId} is ${last?.state ?? 'missing'}, not ${states.join('|')}: ${trail?.join(', ')} [${hostStates.join(', ')}]\n${logs.join('\n')}`;
    },
    timeoutMs,
  );
}

function noSuchHost(id: string): never {
  throw new Error(`no host ${id} in this fleet`);
}
