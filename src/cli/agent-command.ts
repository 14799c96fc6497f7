import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAgentWorker } from '../agent/create-agent-worker.js';
import { createPackageFetcher } from '../agent/create-package-fetcher.js';
import { gatherHostFacts } from '../agent/gather-host-facts.js';
import { logAgentWorkerError } from '../agent/log-agent-worker-error.js';
import { createComponentProber } from '../agent/host/component-probes.js';
import { createExecServiceAdapter } from '../agent/host/exec-service-adapter.js';
import { createHostLayout } from '../agent/host/host-layout.js';
import { pickChildEnv } from '../agent/host/pick-child-env.js';
import { createSystemdServiceAdapter } from '../agent/host/systemd-service-adapter.js';
import type { HostStepContext } from '../agent/steps/host-step-context.js';
import { createRedisConnection } from '../bullmq/create-redis-connection.js';
import { createHostRegistry } from '../bullmq/host-registry.js';
import type { Config } from '../config.js';
import { UserError } from '../core/errors/user-error.js';
import { hostIdSchema } from '../jobs/job-fields.js';
import type { Logger } from '../logger.js';
import { createDirectoryPackageStore } from '../package-store/create-directory-package-store.js';
import { logUnlessRedisAway } from '../redis/log-unless-redis-away.js';
import { TOOL_VERSION } from '../version.js';
import { loadComponentProbes } from './load-component-probes.js';
import { loadTrustedCas } from './load-preflight-inputs.js';
import { closeWithinGrace } from './close-within-grace.js';
import { waitForStopSignal } from './wait-for-stop-signal.js';
import { AGENT_USAGE } from './command-usage.js';

/** `dten agent`: the composition root of an agent; runs until SIGTERM or SIGINT. */
export async function agentCommand(argv: string[], config: Config, log: Logger): Promise<number> {
  const { hostId, root, labels } = parseAgentArgs(argv);
  if (!config.jobKey)
    throw new UserError('config-missing', { variable: 'DTEN_JOB_KEY', why: 'an agent needs it to verify jobs' });
  // Before any connection opens: a root that is not there is a typo, not something to create.
  const found = await stat(root).catch(() => undefined);
  if (!found) throw new UserError('file-not-found', { what: 'agent root (--root)', path: root });
  if (!found.isDirectory())
    throw new UserError('usage', { problem: `--root ${root} is a file: give the host's root folder` });
  const layout = createHostLayout(root);
  const env = pickChildEnv(process.env);
  const probes = config.probesPath ? await loadComponentProbes(config.probesPath) : undefined;
  const trustedCaPem = config.trustedCaPaths.length > 0 ? await loadTrustedCas(config.trustedCaPaths) : undefined;
  const services =
    (config.serviceAdapter ?? (root === '/' ? 'systemd' : 'exec')) === 'exec'
      ? createExecServiceAdapter({ layout, env, port: config.servicePort })
      : createSystemdServiceAdapter({});
  const ctx: HostStepContext = {
    layout,
    services,
    env,
    log: log.child({ hostId }),
    database: config.databaseUrl ? { connectionString: config.databaseUrl, schema: config.databaseSchema } : undefined,
    fetchPackage: createPackageFetcher({
      layout,
      baseUrl: config.packageUrl,
      token: config.packageToken,
      store: createDirectoryPackageStore(config.packageDir),
    }),
    now: () => new Date(),
    ...(probes && { probeComponents: createComponentProber(probes, { env }) }),
    ...(trustedCaPem && { trustedCaPem }),
  };
  const [workerConnection, producer] = await Promise.all([
    createRedisConnection(config.redisUrl, 'worker', {}, ctx.log),
    createRedisConnection(config.redisUrl, 'producer', {}, ctx.log),
  ]);
  const registry = createHostRegistry({
    redis: producer,
    prefix: config.queuePrefix,
    heartbeatTtlMs: config.heartbeatSeconds * 3000,
  });
  let probeProblems = '';
  const report = async (): Promise<void> => {
    const probed = await ctx.probeComponents?.();
    // Said once when it changes, not at every heartbeat.
    const problems = JSON.stringify(probed?.problems ?? {});
    if (problems !== probeProblems && problems !== '{}')
      ctx.log.warn({ problems: probed?.problems }, 'some component probes read no version (DTEN_PROBES)');
    probeProblems = problems;
    const facts = await gatherHostFacts({
      hostId,
      labels,
      layout,
      services,
      probed: probed?.versions ?? {},
      agentVersion: TOOL_VERSION,
      now: new Date(),
    });
    await registry.register(facts);
  };
  await report();
  const timer = setInterval(
    () => void report().catch(logUnlessRedisAway(ctx.log, 'could not refresh host facts')),
    config.heartbeatSeconds * 1000,
  );
  const worker = createAgentWorker({
    hostId,
    connection: workerConnection,
    prefix: config.queuePrefix,
    jobKey: config.jobKey,
    ctx,
    lockSeconds: config.agentLockSeconds,
  });
  worker.on('error', logAgentWorkerError(ctx.log));
  ctx.log.info({ root: layout.root, queue: worker.name }, 'agent ready');
  await waitForStopSignal();
  clearInterval(timer);
  // The journal makes a job cut short resumable.
  await closeWithinGrace([worker.close()]);
  await Promise.all([workerConnection.quit(), producer.quit()]).catch(() => undefined);
  ctx.log.info('agent stopped');
  return 0;
}

function parseAgentArgs(argv: string[]): { hostId: string; root: string; labels: Record<string, string> } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { host: { type: 'string' }, root: { type: 'string' }, labels: { type: 'string' } },
    }));
  } catch (error) {
    throw new UserError('usage', { problem: (error as Error).message.split('\n')[0]!.replace(/\.$/, '') });
  }
  const host = hostIdSchema.safeParse(values.host);
  if (!host.success)
    throw new UserError('usage', {
      problem: `Usage: ${AGENT_USAGE} (a host id is letters, digits, dot, dash or underscore)`,
    });
  const labels: Record<string, string> = {};
  for (const pair of (values.labels ?? '').split(',').filter(Boolean)) {
    const [key, value] = pair.split('=');
    if (!key || value === undefined)
      throw new UserError('usage', { problem: `--labels takes k=v pairs separated by commas, not "${pair}"` });
    labels[key.trim()] = value.trim();
  }
  return { hostId: host.data, root: join(values.root ?? '/'), labels };
}
