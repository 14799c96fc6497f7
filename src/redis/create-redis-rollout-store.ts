import type { Redis } from 'ioredis';
import type { RolloutStore } from '../control/rollout-store.js';
import type { Rollout } from '../core/rollout/rollout.js';
import { HostsBusy } from '../control/hosts-busy.js';
import { RolloutConflict } from '../control/rollout-conflict.js';
import { isOver } from '../core/rollout/active-states.js';
import { ROLLOUT_STATES } from '../core/rollout/rollout-state.js';
import {
  assembleRollout,
  layoutWrites,
  partKey,
  partKeys,
  PARTS,
  RECORD_FIELDS,
  type StoredParts,
} from './rollout-layout.js';

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

// The states a rollout ends in, as a Lua table: a host held by a rollout in one of them is free.
const OVER_LUA = `{${ROLLOUT_STATES.filter(isOver)
  .map((state) => `['${state}'] = true`)
  .join(', ')}}`;

// Whether the rollout `id` (its record at prefix .. id) still holds its hosts: it exists and is not over. A record
// without a readable state counts as holding: a host is wrongly kept rather than wrongly given to two rollouts.
const HOLDS = `
local over = ${OVER_LUA}
local function holds(prefix, id)
  local key = prefix .. id
  local core = redis.call('HGET', key, 'core') or redis.call('HGET', key, 'json')
  if not core then return false end
  local ok, record = pcall(cjson.decode, core)
  if not ok or type(record) ~= 'table' or type(record.state) ~= 'string' then return true end
  return not over[record.state]
end
`;

// Compare-and-set on a version field, host claims, then the layout's writes (rollout-layout.ts), in one script: safe
// on a connection other callers share (WATCH is not). KEYS: record, index, channel, host claims (host → rollout id),
// then the parts. ARGV: expected version, next version, now, id, record key prefix, claim mode (\`claim\`, \`release\` or
// empty), host count, the hosts, then operations of the form <hset|hdel|rpush|del> <KEYS index> <count> <arguments>.
// A claim that finds hosts another rollout holds writes nothing and returns them as host, holder pairs.
const SAVE = `${HOLDS}
local current = redis.call('HGET', KEYS[1], 'version')
if (current or '') ~= ARGV[1] then return 0 end
local mode, hosts = ARGV[6], tonumber(ARGV[7])
if mode == 'claim' then
  local taken = {}
  for j = 8, 7 + hosts do
    local holder = redis.call('HGET', KEYS[4], ARGV[j])
    if holder and holder ~= ARGV[4] and holds(ARGV[5], holder) then
      taken[#taken + 1] = ARGV[j]
      taken[#taken + 1] = holder
    end
  end
  if #taken > 0 then return taken end
  for j = 8, 7 + hosts do redis.call('HSET', KEYS[4], ARGV[j], ARGV[4]) end
elseif mode == 'release' then
  for j = 8, 7 + hosts do
    if redis.call('HGET', KEYS[4], ARGV[j]) == ARGV[4] then redis.call('HDEL', KEYS[4], ARGV[j]) end
  end
end
redis.call('HSET', KEYS[1], 'version', ARGV[2])
if ARGV[1] == '' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
local i = 8 + hosts
while i <= #ARGV do
  local op, key, n = ARGV[i], KEYS[tonumber(ARGV[i + 1])], tonumber(ARGV[i + 2])
  i = i + 3
  if op == 'del' then
    redis.call('DEL', key)
  elseif op == 'hset' then
    for j = i, i + 2 * n - 1, 2 do redis.call('HSET', key, ARGV[j], ARGV[j + 1]) end
    i = i + 2 * n
  else
    for j = i, i + n - 1 do redis.call(op == 'hdel' and 'HDEL' or 'RPUSH', key, ARGV[j]) end
    i = i + n
  end
end
redis.call('PUBLISH', KEYS[3], ARGV[4])
return 1
`;

// Which of the hosts a rollout that is not over holds: host, holder pairs. KEYS: the host claims. ARGV: the record
// key prefix, then the hosts.
const HOLDERS = `${HOLDS}
local found = {}
for j = 2, #ARGV do
  local holder = redis.call('HGET', KEYS[1], ARGV[j])
  if holder and holds(ARGV[1], holder) then
    found[#found + 1] = ARGV[j]
    found[#found + 1] = holder
  end
end
return found
`;

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
   * script, and throws `HostsBusy` when another rollout holds any; one that ends lets them go.
   */
  const save = async (rollout: Rollout, stored: Stored | undefined): Promise<boolean> => {
    const expected = stored?.version ?? '';
    const next = String(Number(expected || '0') + 1);
    const key = keyOf(rollout.id);
    const keys = [key, index, channel, claims, ...partKeys(key)];
    const before = stored?.layout ? stored.rollout : undefined;
    const wasOver = stored === undefined || isOver(stored.rollout.state);
    const mode = wasOver === isOver(rollout.state) ? '' : wasOver ? 'claim' : 'release';
    const hosts = mode === '' ? [] : rollout.plan.targets;
    const args = [expected, next, String(Date.now()), rollout.id, keyOf(''), mode, String(hosts.length), ...hosts];
    const answer = (await redis.eval(SAVE, keys.length, ...keys, ...args, ...layoutWrites(before, rollout))) as
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
      return pairsToMap((await redis.eval(HOLDERS, 1, claims, keyOf(''), ...hosts)) as string[]);
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
