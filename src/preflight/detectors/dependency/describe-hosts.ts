import { describeInstalled, type InstalledVersion } from './read-installed-version.js';

const MAX_NAMES = 10;

/** Up to ten host names, then `and N more`. */
export function listHosts(hosts: readonly string[]): string {
  const shown = hosts.slice(0, MAX_NAMES).join(', ');
  return hosts.length > MAX_NAMES ? `${shown} and ${hosts.length - MAX_NAMES} more` : shown;
}

/** Hosts grouped by what they run, most common version first: `12.4 on db-1, db-2; 11.2 on db-9`. */
export function describeHostVersions(installed: readonly InstalledVersion[]): string {
  const groups = new Map<string, string[]>();
  for (const item of installed) {
    const key = describeInstalled(item);
    groups.set(key, [...(groups.get(key) ?? []), item.host]);
  }
  let budget = MAX_NAMES;
  return [...groups]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([version, hosts]) => {
      const shown = hosts.slice(0, Math.max(budget, 0));
      budget -= shown.length;
      const more = hosts.length - shown.length;
      const names = shown.length > 0 ? `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}` : `${more} host(s)`;
      return `${version} on ${names}`;
    })
    .join('; ');
}

export function countHosts(count: number): string {
  return `${count} host${count === 1 ? '' : 's'}`;
}

/** The verb agreeing with a host count: `agree(1, 'runs', 'run')` → `runs`. */
export function agree(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
