import { pino } from 'pino';
import { createExecServiceAdapter } from '../../src/agent/host/exec-service-adapter.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { pickChildEnv } from '../../src/agent/host/pick-child-env.js';
import type { HostStepContext } from '../../src/agent/steps/host-step-context.js';
import { stopStartedUnits } from '../../src/agent/host/stop-started-units.js';
import { freePort } from '../../src/agent/host/free-port.js';

/** A host as the agent sees it: services run by the exec adapter on a free port; `stopAll` leaves no process. */
export async function createTestHostContext(
  layout: HostLayout,
  overrides: Pick<HostStepContext, 'database' | 'fetchPackage'>,
): Promise<{ ctx: HostStepContext; stopAll: () => Promise<void> }> {
  const env = pickChildEnv(process.env);
  const services = createExecServiceAdapter({ layout, env, port: await freePort() });
  const ctx: HostStepContext = {
    layout,
    services,
    env,
    log: pino({ level: 'silent' }),
    now: () => new Date(),
    ...overrides,
  };
  return { ctx, stopAll: () => stopStartedUnits(layout) };
}
