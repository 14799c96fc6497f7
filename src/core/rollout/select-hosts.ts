import type { LabelTerm } from './parse-label-selector.js';

/** What an agent registered about its host. */
export interface HostFacts {
  id: string;
  labels: Readonly<Record<string, string>>;
}

export type HostSelector = { ids: readonly string[] } | { labels: readonly LabelTerm[] };

export interface SelectedHosts {
  targets: string[];
  /** Ids asked for by name that no agent registered. */
  unknown: string[];
}

/** The plan's targets, sorted: named ids that are registered, or every host the label terms all match. */
export function selectHosts(selector: HostSelector, hosts: readonly HostFacts[]): SelectedHosts {
  const known = new Set(hosts.map((host) => host.id));
  if ('ids' in selector) {
    const asked = [...new Set(selector.ids)].sort();
    return { targets: asked.filter((id) => known.has(id)), unknown: asked.filter((id) => !known.has(id)) };
  }
  const matching = hosts.filter((host) => selector.labels.every((term) => holds(term, host.labels)));
  return { targets: [...new Set(matching.map((host) => host.id))].sort(), unknown: [] };
}

function holds(term: LabelTerm, labels: Readonly<Record<string, string>>): boolean {
  const value = Object.hasOwn(labels, term.key) ? labels[term.key] : undefined;
  return term.op === '=' ? value === term.value : value !== term.value;
}
