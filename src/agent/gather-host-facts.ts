import type { AgentFacts } from '../jobs/agent-facts.js';
import { parseConfigText } from '../preflight/detectors/config-key/parse-config-text.js';
import { findHostSchedules } from './host/find-host-schedules.js';
import { freeDiskBytes } from './host/free-disk-bytes.js';
import type { HostLayout } from './host/host-layout.js';
import { readCurrentLink } from './host/read-current-link.js';
import { readReleaseManifest } from './host/read-release-manifest.js';
import { readTextFile } from './host/read-text-file.js';
import type { ServicePort } from './host/service-port.js';
import { unitNamesOf } from './host/unit-names-of.js';

/**
 * The facts: what runs here (the current release, and the versions `probed` read: see DTEN_PROBES), its units,
 * schedules and config keys, and free disk — fed to preflight against these hosts and to plans.
 */
export async function gatherHostFacts(input: {
  hostId: string;
  labels: Record<string, string>;
  layout: HostLayout;
  services: ServicePort;
  /** Component → version, from the configured probes. */
  probed?: Record<string, string>;
  agentVersion: string;
  now: Date;
}): Promise<AgentFacts> {
  const { layout } = input;
  const current = await readCurrentLink(layout);
  const manifest = current
    ? await readReleaseManifest(layout.releaseDir(current.version), current.version).catch(() => undefined)
    : undefined;
  // The current release's units under their new and old names: a renamed unit may still run under the old one.
  const known = new Set((manifest?.services ?? []).flatMap(unitNamesOf));
  const units: string[] = [];
  for (const unit of known) if (await input.services.isActive(unit)) units.push(unit);
  const configKeys = new Set<string>();
  for (const change of manifest?.config ?? []) {
    const text = (await readTextFile(layout.liveConfigFile(change.file)).catch(() => undefined))?.text ?? '';
    for (const key of parseConfigText(change.file, text).keys()) configKeys.add(key);
  }
  const schedules = await findHostSchedules(layout);
  return {
    hostId: input.hostId,
    labels: input.labels,
    // The release the agent installed is known better than any probe of it.
    components: { ...input.probed, ...(current && { [manifest?.name ?? 'dten']: current.version }) },
    units,
    scheduledTasks: schedules.map((schedule) => ({ kind: schedule.kind, name: schedule.name })),
    configKeys: [...configKeys].sort(),
    freeDiskBytes: await freeDiskBytes(layout.root),
    agentVersion: input.agentVersion,
    seenAt: input.now.toISOString(),
  };
}
