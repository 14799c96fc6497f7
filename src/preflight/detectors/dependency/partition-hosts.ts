import { readInstalledVersion, type InstalledVersion } from './read-installed-version.js';

export type Inventory = Record<string, Record<string, string>>;

export interface HostPartition {
  /** Hosts without the component. */
  missing: string[];
  /** Hosts whose entry holds nothing that reads as a version. */
  unreadable: InstalledVersion[];
  readable: InstalledVersion[];
}

/** What each inventory host runs of one component, sorted by host name. */
export function partitionHosts(inventory: Inventory, component: string): HostPartition {
  const partition: HostPartition = { missing: [], unreadable: [], readable: [] };
  for (const host of Object.keys(inventory).sort()) {
    const raw = inventory[host]?.[component];
    if (raw === undefined) {
      partition.missing.push(host);
      continue;
    }
    const installed = readInstalledVersion(host, raw);
    (installed.version ? partition.readable : partition.unreadable).push(installed);
  }
  return partition;
}
