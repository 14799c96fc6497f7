import type { Redis } from 'ioredis';
import type { RolloutStore } from '../control/rollout-store.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { RolloutConflict } from '../control/rollout-conflict.js';

export interface RedisRolloutStoreOptions {
  /** A `producer` connection; the store never closes it. */
  redis: Redis;
  /** The installation's BullMQ prefix: its rollouts sit beside its queues. */
  prefix: string;
  /** Opens a connection for `watch` (a subscriber cannot send other commands). */
  subscriber?: () => Promise<Redis>;
}

// Compare-and-set on a version field, in one script: safe on a connection other callers share (WATCH is not).
const SAVE = `
local current = redis.call('HGET', KEYS[1], 'version')
if (current or '') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
if ARGV[1] == '' then redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5]) end
redis.call('PUBLISH', KEYS[3], ARGV[5])
return 1
`;

const MAX_TRIES = 50;
const KNOWN_MAX = 200;

/** Rollouts as JSON in one hash each (`<prefix>:rollout:<id>`), indexed by creation time. */
export function createRedisRolloutStore(options: RedisRolloutStoreOptions): RolloutStore {
  const { redis, prefix } = options;
  const keyOf = (id: string): string => `${prefix}:rollout:${id}`;
  const index = `${prefix}:rollouts`;
  const channel = `${prefix}:rollout-changed`;
  // The last version this process read or wrote of each rollout: a read whose version is unchanged costs one small
  // HGET instead of moving and parsing the whole record (hundreds of KiB at a thousand hosts). Rollouts are never
  // mutated in place (every change makes a new object), so handing out the same object again is safe.
  const known = new Map<string, { version: string; rollout: Rollout }>();
  const remember = (entry: { version: string; rollout: Rollout }): typeof entry => {
    known.delete(entry.rollout.id);
    known.set(entry.rollout.id, entry);
    // Oldest first: keep the rollouts in use, not every rollout a long-lived process ever listed.
    for (const id of known.keys()) {
      if (known.size <= KNOWN_MAX) break;
      known.delete(id);
    }
    return entry;
  };
  const read = async (id: string): Promise<{ version: string; rollout: Rollout } | undefined> => {
    const cached = known.get(id);
    if (cached && (await redis.hget(keyOf(id), 'version')) === cached.version) return cached;
    const [version, json] = await redis.hmget(keyOf(id), 'version', 'json');
    if (!version || !json) {
      known.delete(id);
      return undefined;
    }
    return remember({ version, rollout: JSON.parse(json) as Rollout });
  };
  const save = async (rollout: Rollout, expected: string): Promise<boolean> => {
    const next = String(Number(expected || '0') + 1);
    const keys = [keyOf(rollout.id), index, channel];
    const args = [expected, next, JSON.stringify(rollout), String(Date.now()), rollout.id];
    const saved = (await redis.eval(SAVE, keys.length, ...keys, ...args)) === 1;
    if (saved) remember({ version: next, rollout });
    return saved;
  };
  return {
    async create(rollout) {
      if (!(await save(rollout, ''))) throw new RolloutConflict(rollout.id, 'exists');
    },
    get: async (id) => (await read(id))?.rollout,
    async update(id, change) {
      for (let tries = 0; tries < MAX_TRIES; tries += 1) {
        const stored = await read(id);
        if (!stored) throw new RolloutConflict(id, 'missing');
        const changed = change(stored.rollout);
        if (changed === stored.rollout) return changed;
        if (await save(changed, stored.version)) return changed;
      }
      throw new RolloutConflict(id, 'contended');
    },
    async list(limit) {
      const ids = await redis.zrevrange(index, 0, Math.max(0, limit - 1));
      const found = await Promise.all(ids.map((id) => read(id)));
      return found.flatMap((entry) => (entry ? [entry.rollout] : []));
    },
    nextDriver: async (id) => redis.hincrby(keyOf(id), 'driver', 1),
    currentDriver: async (id) => Number((await redis.hget(keyOf(id), 'driver')) ?? '0'),
    ...(options.subscriber && {
      async watch(listener) {
        const subscriber = await options.subscriber!();
        subscriber.on('message', (_channel: string, id: string) => listener(id));
        await subscriber.subscribe(channel);
        return async () => {
          await subscriber.quit().catch(() => undefined);
        };
      },
    }),
  };
}
