import { UserError } from '../core/errors/user-error.js';
import { selectHosts, type HostSelector } from '../core/rollout/select-hosts.js';
import type { AgentFacts } from '../jobs/agent-facts.js';

/** The registered hosts a selector names; a name no agent registered, or a selector matching none, is refused. */
export function selectTargets(selector: HostSelector, registered: readonly AgentFacts[]): AgentFacts[] {
  const { targets, unknown } = selectHosts(
    selector,
    registered.map((host) => ({ id: host.hostId, labels: host.labels })),
  );
  if (unknown.length > 0) throw new UserError('hosts-unknown', { ids: unknown });
  if (targets.length === 0) throw new UserError('hosts-none', { selector: describeSelector(selector) });
  const chosen = new Set(targets);
  return registered.filter((host) => chosen.has(host.hostId));
}

export function describeSelector(selector: HostSelector): string {
  if ('ids' in selector) return selector.ids.join(',');
  return selector.labels.map((term) => `${term.key}${term.op}${term.value}`).join(',');
}
