import { readdir } from 'node:fs/promises';
import { createExecServiceAdapter } from './exec-service-adapter.js';
import type { HostLayout } from './host-layout.js';

/** Stops every unit an exec adapter started on this host (even another process's), whatever `current` says. */
export async function stopStartedUnits(layout: HostLayout): Promise<void> {
  const services = createExecServiceAdapter({ layout, env: {} });
  const pidFiles = (await readdir(layout.runDir).catch(() => [] as string[])).filter((name) => name.endsWith('.pid'));
  for (const file of pidFiles) await services.stop(file.slice(0, -'.pid'.length));
}
