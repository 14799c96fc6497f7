import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createExecServiceAdapter } from '../../src/agent/host/exec-service-adapter.js';
import type { HostLayout } from '../../src/agent/host/host-layout.js';
import { readCurrentLink } from '../../src/agent/host/read-current-link.js';

/** dten's unit under its 4.1.0 name and its 4.2.0 name. */
const UNITS = ['dten.service', 'dten-server.service'] as const;

export interface HostState {
  /** The release `current` points at. */
  current: string | undefined;
  /** Units whose process runs. */
  running: string[];
  /** What the running service says about itself on GET /version: `<version> as <unit>`. */
  serving: string | undefined;
  /** The live `etc/dten/dten.conf`. */
  config: string;
  /** `etc/cron.d/dten-reindex`, or undefined while it is paused (or gone). */
  cron: string | undefined;
}

/** What an operator would look at on the host: the link, the processes, the service itself, the files. */
export async function readHostState(layout: HostLayout): Promise<HostState> {
  const services = createExecServiceAdapter({ layout, env: {} });
  const running: string[] = [];
  for (const unit of UNITS) if (await services.isActive(unit)) running.push(unit);
  const port = running.length === 1 ? await services.portOf(running[0]!) : undefined;
  let serving: string | undefined;
  if (port !== undefined) {
    const answer = (await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as {
      version: string;
      unit: string;
    };
    serving = `${answer.version} as ${answer.unit}`;
  }
  return {
    current: (await readCurrentLink(layout))?.version,
    running,
    serving,
    config: await readFile(join(layout.configDir, 'dten.conf'), 'utf8'),
    cron: await readFile(join(layout.cronDir, 'dten-reindex'), 'utf8').catch(() => undefined),
  };
}
