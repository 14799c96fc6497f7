import { join } from 'node:path';
import { createExecServiceAdapter } from '../agent/host/exec-service-adapter.js';
import { createHostLayout, type HostLayout } from '../agent/host/host-layout.js';
import { seedHost } from '../agent/steps/seed-host.js';
import type { ExamplePackageInfo } from '../examples/build-example-package.js';
import type { Logger } from '../logger.js';

export interface LocalHost {
  hostId: string;
  layout: HostLayout;
  /** Where its dten-server listens; the agent keeps the service on it across the upgrade. */
  port: number;
}

/** A host root under `dir` with `installed` running under the exec adapter on `port`, as production was before. */
export async function seedLocalHost(options: {
  dir: string;
  hostId: string;
  port: number;
  installed: ExamplePackageInfo;
  /** The service's environment (see pickChildEnv). */
  env: Readonly<Record<string, string>>;
  log: Logger;
}): Promise<LocalHost> {
  const { hostId, port, installed, env } = options;
  const layout = createHostLayout(join(options.dir, hostId));
  const outcome = await seedHost(
    {
      layout,
      services: createExecServiceAdapter({ layout, env, port }),
      env,
      log: options.log.child({ hostId }),
      database: undefined,
      fetchPackage: () => Promise.resolve(installed.outFile),
      now: () => new Date(),
    },
    { key: `Full-upgrade-package-dten-${installed.version}.zip`, version: installed.version, sha256: installed.sha256 },
  );
  if (!outcome.health.healthy)
    throw new Error(`${hostId} did not come up with dten ${installed.version}: ${outcome.health.detail}`);
  return { hostId, layout, port };
}
