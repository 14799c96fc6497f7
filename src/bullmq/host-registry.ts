import type { Redis } from 'ioredis';
import { agentFactsSchema, type AgentFacts } from '../jobs/agent-facts.js';

export interface HostRegistryOptions {
  /** A `producer` connection: a heartbeat that cannot reach Redis fails now and is retried at the next beat. */
  redis: Redis;
  /** The same BullMQ prefix the queues use, so one installation's keys sit together. */
  prefix: string;
  /** A host whose last heartbeat is older than this is not alive. */
  heartbeatTtlMs: number;
}

export interface HostRegistry {
  /** Stores the agent's facts (replacing earlier ones) and counts as a heartbeat. */
  register(facts: AgentFacts): Promise<void>;
  heartbeat(hostId: string, now?: Date): Promise<void>;
  deregister(hostId: string): Promise<void>;
  /** Every registered host, sorted by id; `seenAt` is the latest heartbeat when one is still held. */
  listHosts(): Promise<AgentFacts[]>;
  /** Hosts whose heartbeat has not lapsed: Redis still holds it and it is younger than the TTL at `now`. */
  aliveHosts(now?: Date): Promise<AgentFacts[]>;
  getFacts(hostId: string): Promise<AgentFacts | undefined>;
}

/** Facts in one hash (`<prefix>:host-registry:facts`), one expiring key per host for its heartbeat. */
export function createHostRegistry(options: HostRegistryOptions): HostRegistry {
  const { redis, heartbeatTtlMs } = options;
  const factsKey = `${options.prefix}:host-registry:facts`;
  const aliveKey = (hostId: string): string => `${options.prefix}:host-registry:alive:${hostId}`;
  const beat = (hostId: string, now: Date): Promise<unknown> =>
    redis.set(aliveKey(hostId), now.toISOString(), 'PX', heartbeatTtlMs);
  const withHeartbeats = async (stored: Record<string, string>): Promise<Array<[AgentFacts, string | null]>> => {
    const facts = Object.values(stored)
      .map((text) => agentFactsSchema.safeParse(safeJson(text)))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .sort((a, b) => (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0));
    if (facts.length === 0) return [];
    const beats = await redis.mget(facts.map((host) => aliveKey(host.hostId)));
    return facts.map((host, index) => [host, beats[index] ?? null]);
  };
  const seen = ([host, beat]: [AgentFacts, string | null]): AgentFacts => ({ ...host, seenAt: beat ?? host.seenAt });
  return {
    async register(facts) {
      const checked = agentFactsSchema.parse(facts);
      await redis.hset(factsKey, checked.hostId, JSON.stringify(checked));
      await beat(checked.hostId, new Date(checked.seenAt));
    },
    heartbeat: async (hostId, now = new Date()) => void (await beat(hostId, now)),
    async deregister(hostId) {
      await redis.hdel(factsKey, hostId);
      await redis.del(aliveKey(hostId));
    },
    listHosts: async () => (await withHeartbeats(await redis.hgetall(factsKey))).map(seen),
    async aliveHosts(now = new Date()) {
      const hosts = await withHeartbeats(await redis.hgetall(factsKey));
      return hosts.filter(([, beat]) => beat !== null && Date.parse(beat) > now.getTime() - heartbeatTtlMs).map(seen);
    },
    async getFacts(hostId) {
      const text = await redis.hget(factsKey, hostId);
      return text === null ? undefined : (await withHeartbeats({ [hostId]: text })).map(seen)[0];
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
