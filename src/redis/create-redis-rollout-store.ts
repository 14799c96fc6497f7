import type { Redis } from 'ioredis';
import type { RolloutStore } from '../control/rollout-store.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { HostsBusy } from '../control/hosts-busy.js';
import { RolloutConflict } from '../control/rollout-conflict.js';
import { claimChange } from '../core/rollout/hosts-to-hold.js';
import {
  assembleRollout,
  layoutWrites,
  partKey,
  partKeys,
  PARTS,
  RECORD_FIELDS,
  type StoredParts,
} from './rollout-layout.js';
import { ADOPT_HOSTS, FIND_HOLDERS, SAVE_ROLLOUT } from './rollout-store-scripts.js';

interface Stored {
  version: string;
  rollout: Rollout;
  layout: boolean;
}

export interface RedisRolloutStoreOptions {
  /** A `producer` connection; the store never closes it. */
  redis: Redis;
  /** The installation's BullMQ prefix: its rollouts sit beside its queues. */
  prefix: string;
  /** Opens a connection for `watch` (a subscriber cannot send other commands). */
  subscriber?: () => Promise<Redis>;
}

const MAX_TRIES = 50;
const KNOWN_MAX = 200;

/**
 * Rollouts in Redis under `<prefix>:rollout:<id>` (a record hash and its parts, laid out by rollout-layout.ts so a
 * change writes only what changed), indexed by creation time; `<prefix>:host-rollouts` says which rollout holds each
 * host.
 */
export function createRedisRolloutStore(options: RedisRolloutStoreOptions): RolloutStore {
  const { redis, prefix } = options;
  const keyOf = (id: string): string => `${prefix}:rollout:${id}`;
  const index = `${prefix}:rollouts`;
  const channel = `${prefix}:rollout-changed`;
  const claims = `${prefix}:host-rollouts`;
  // The last version this process read or wrote of each rollout: a read whose version is unchanged costs one small
  // HGET instead of moving and parsing the whole record (hundreds of KiB at a thousand hosts), and a change is
  // written against it part by part. Rollouts are never mutated in place (every change makes a new object), so
  // handing out the same object again is safe. `layout` is false for a record in the old single-JSON layout.
  const known = new Map<string, Stored>();
  const remember = (entry: Stored): Stored => {
    known.delete(entry.rollout.id);
    known.set(entry.rollout.id, entry);
    // Oldest first: keep the rollouts in use, not every rollout a long-lived process ever listed.
    for (const id of known.keys()) {
      if (known.size <= KNOWN_MAX) break;
      known.delete(id);
    }
    return entry;
  };
  const read = async (id: string): Promise<Stored | undefined> => {
    const key = keyOf(id);
    const cached = known.get(id);
    if (cached && (await redis.hget(key, 'version')) === cached.version) return cached;
    // One MULTI: the record and its parts as of one version.
    const multi = redis.multi().hmget(key, 'version', ...RECORD_FIELDS);
    for (const { name, kind } of PARTS) {
      if (kind === 'map') multi.hgetall(partKey(key, name));
      else multi.lrange(partKey(key, name), 0, -1);
    }
    const replies = await multi.exec();
    const failed = replies?.find(([error]) => error);
    if (!replies || failed) throw failed?.[0] ?? new Error(`reading rollout ${id}: the transaction was discarded`);
    const [head, ...values] = replies.map(([, value]) => value);
    const [version, ...record] = head as Array<string | null>;
    const parts = Object.fromEntries(PARTS.map(({ name }, i) => [name, values[i]])) as StoredParts['parts'];
    const found = version && assembleRollout({ record, parts });
    if (!version || !found) {
      known.delete(id);
      return undefined;
    }
    return remember({ version, ...found });
  };
  /**
   * Writes `rollout` over `stored` (what it was made from) if the record is still at that version: false when it is
   * not. A rollout that is not over holds its targets: one that starts, or starts again, claims them in the same
   * script, and throws `HostsBusy` when another rollout holds any; one that ends lets them go, but for the hosts a failed
   * one left changed (`claimChange`).
   */
  const save = async (rollout: Rollout, stored: Stored | undefined): Promise<boolean> => {
    const expected = stored?.version ?? '';
    const next = String(Number(expected || '0') + 1);
    const key = keyOf(rollout.id);
    const keys = [key, index, channel, claims, ...partKeys(key)];
    const before = stored?.layout ? stored.rollout : undefined;
    const { mode = '', hosts = [] } = claimChange(stored?.rollout, rollout) ?? {};
    const args = [expected, next, String(Date.now()), rollout.id, keyOf(''), mode, String(hosts.length), ...hosts];
    const answer = (await redis.eval(SAVE_ROLLOUT, keys.length, ...keys, ...args, ...layoutWrites(before, rollout))) as
      number | string[];
    if (Array.isArray(answer)) throw new HostsBusy(rollout.id, pairsToMap(answer));
    if (answer === 1) remember({ version: next, rollout, layout: true });
    return answer === 1;
  };
  return {
    async create(rollout) {
      if (!(await save(rollout, undefined))) throw new RolloutConflict(rollout.id, 'exists');
    },
    get: async (id) => (await read(id))?.rollout,
    async update(id, change) {
      // The version this process last saw is changed first, unchecked: the save compares versions anyway, so a driver
      // that has just read the rollout saves a round trip on every write, and a stale one costs a failed save, then a
      // read. "Nothing to change", or a change refused, is only believed of a version read now.
      let unchecked = known.get(id);
      for (let tries = 0; tries < MAX_TRIES; tries += 1) {
        const stored = unchecked ?? (await read(id));
        const fresh = unchecked === undefined;
        unchecked = undefined;
        if (!stored) throw new RolloutConflict(id, 'missing');
        let changed: Rollout;
        try {
          changed = change(stored.rollout);
        } catch (error) {
          if (fresh) throw error;
          continue;
        }
        if (changed === stored.rollout) {
          if (fresh) return changed;
        } else if (await save(changed, stored)) return changed;
      }
      throw new RolloutConflict(id, 'contended');
    },
    async holdersOf(hosts) {
      if (hosts.length === 0) return new Map();
      return pairsToMap((await redis.eval(FIND_HOLDERS, 1, claims, keyOf(''), ...hosts)) as string[]);
    },
    async adoptHosts(rollout) {
      const { targets } = rollout.plan;
      return (await redis.eval(ADOPT_HOSTS, 1, claims, keyOf(''), rollout.id, ...targets)) as number;
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

/** `[a, 1, b, 2]` → `a → 1, b → 2`: how the scripts answer host, holder pairs. */
function pairsToMap(pairs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i]!, pairs[i + 1]!);
  return map;
}
