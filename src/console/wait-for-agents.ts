import { setTimeout as sleep } from 'node:timers/promises';
import type { HostRegistry } from '../bullmq/host-registry.js';
import type { LocalAgent } from './spawn-local-agent.js';

/** Resolves once every agent has registered its facts; rejects with an agent's last words when one stops first. */
export async function waitForAgents(
  agents: readonly LocalAgent[],
  registry: Pick<HostRegistry, 'getFacts'>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const waiting = new Set(agents);
  while (waiting.size > 0) {
    for (const agent of waiting) {
      if (agent.exited()) throw new Error(`the agent of ${agent.hostId} stopped at start-up: ${await agent.tail()}`);
      if (await registry.getFacts(agent.hostId)) waiting.delete(agent);
    }
    if (waiting.size === 0) return;
    if (Date.now() > deadline) {
      const names = [...waiting].map((agent) => agent.hostId).join(', ');
      throw new Error(`the agents of ${names} did not register within ${Math.round(timeoutMs / 1000)} s`);
    }
    await sleep(200);
  }
}
