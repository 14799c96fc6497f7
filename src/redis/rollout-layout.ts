import type { Rollout } from '../core/rollout/rollout.js';

/**
 * How a rollout is laid out in Redis so that a change writes what changed, not the whole record (hundreds of KiB at
 * a thousand hosts, written two or three times a wave). The record hash `<key>` holds `core` (the small part),
 * `plan` and `release` (written when they change, which is almost never); each per-host map is a hash of its own
 * (`<key>:hosts`, `<key>:preflight`, `<key>:cleanup`, one field per host); the append-only audit log and health
 * samples are lists (`<key>:audit`, `<key>:samples`).
 *
 * What changed is found by identity: rollouts are never mutated in place, so a host entry, the plan or a list item
 * that is the same object as in the version read was not changed. A change that copies everything is still written
 * correctly, only in full.
 */

export const LAYOUT = '2';

const MAPS = ['hosts', 'preflight', 'cleanup'] as const;
type MapName = (typeof MAPS)[number];
const LISTS = ['audit', 'samples'] as const;
type ListName = (typeof LISTS)[number];
const WHOLE = ['plan', 'release'] as const;

/** The parts kept beside the record: hashes (one field per host), then lists. */
export const PARTS = [
  ...MAPS.map((name) => ({ name, kind: 'map' as const })),
  ...LISTS.map((name) => ({ name, kind: 'list' as const })),
];
type PartName = MapName | ListName;

/** The key of one part of the rollout whose record is `key`. */
export function partKey(key: string, part: PartName): string {
  return `${key}:${part}`;
}

/** The keys of one rollout's parts, in the order of `PARTS`, which the save script takes after the first four. */
export function partKeys(key: string): string[] {
  return PARTS.map(({ name }) => partKey(key, name));
}

/**
 * Indexes into the save script's KEYS (1-based): the record is 1, the parts follow the index (2), the channel (3) and
 * the host claims (4).
 */
const RECORD = 1;
const keyIndex = (part: PartName): number => 5 + PARTS.findIndex(({ name }) => name === part);

const listOf = (rollout: Rollout, list: ListName): readonly unknown[] =>
  list === 'audit' ? rollout.audit : rollout.health.samples;

/**
 * The save script's operations that turn the stored `before` (the version the change was applied to; none for a
 * new rollout or one stored in the old single-JSON layout) into `after`.
 */
export function layoutWrites(before: Rollout | undefined, after: Rollout): string[] {
  const ops: string[] = [];
  const hset = (index: number, pairs: string[]): void => {
    if (pairs.length > 0) ops.push('hset', String(index), String(pairs.length / 2), ...pairs);
  };
  const record = ['layout', LAYOUT, 'core', JSON.stringify(coreOf(after))];
  const dropped: string[] = [];
  for (const part of WHOLE) {
    if (before && before[part] === after[part]) continue;
    if (after[part] === undefined) dropped.push(part);
    else record.push(part, JSON.stringify(after[part]));
  }
  hset(RECORD, record);
  if (dropped.length > 0) ops.push('hdel', String(RECORD), String(dropped.length), ...dropped);
  if (!before) ops.push('hdel', String(RECORD), '1', 'json');

  for (const map of MAPS) {
    const next = after[map];
    const previous = before?.[map];
    const index = keyIndex(map);
    if (!before || next === undefined) ops.push('del', String(index), '0');
    if (next === undefined || next === previous) continue;
    const pairs: string[] = [];
    for (const [host, entry] of Object.entries(next)) {
      if (before && previous?.[host] === entry) continue;
      pairs.push(host, JSON.stringify(entry));
    }
    hset(index, pairs);
    const gone = before && previous ? Object.keys(previous).filter((host) => !Object.hasOwn(next, host)) : [];
    if (gone.length > 0) ops.push('hdel', String(index), String(gone.length), ...gone);
  }

  for (const list of LISTS) {
    const next = listOf(after, list);
    const previous = before ? listOf(before, list) : undefined;
    const index = keyIndex(list);
    if (next === previous) continue;
    const appended = previous !== undefined && previous.every((item, i) => next[i] === item);
    const added = appended ? next.slice(previous.length) : next;
    if (!appended) ops.push('del', String(index), '0');
    if (added.length > 0)
      ops.push('rpush', String(index), String(added.length), ...added.map((item) => JSON.stringify(item)));
  }
  return ops;
}

/** The record's small part: everything but the parts kept apart, which are left as empty markers. */
function coreOf(rollout: Rollout): Omit<Rollout, 'plan' | 'release'> {
  const { plan: _plan, release: _release, ...core } = rollout;
  const marked: Omit<Rollout, 'plan' | 'release'> = {
    ...core,
    hosts: {},
    audit: [],
    health: { ...rollout.health, samples: [] },
  };
  if (rollout.preflight) marked.preflight = {};
  if (rollout.cleanup) marked.cleanup = {};
  return marked;
}

/** What one read of a rollout's record and parts returned. */
export interface StoredParts {
  /** HMGET of the record: layout, core, plan, release, json (the old layout's single JSON). */
  record: ReadonlyArray<string | null>;
  /** HGETALL of each map part, LRANGE of each list part. */
  parts: { [M in MapName]: Record<string, string> } & { [L in ListName]: string[] };
}

/** The record fields a read asks for, in the order `assembleRollout` takes them. */
export const RECORD_FIELDS = ['layout', 'core', 'plan', 'release', 'json'] as const;

/** The rollout a read found (undefined when its record is incomplete), and whether it is in this layout. */
export function assembleRollout(stored: StoredParts): { rollout: Rollout; layout: boolean } | undefined {
  const [layout, core, plan, release, json] = stored.record;
  if (layout !== LAYOUT) return json ? { rollout: JSON.parse(json) as Rollout, layout: false } : undefined;
  if (!core || !plan) return undefined;
  const rollout = JSON.parse(core) as Rollout;
  rollout.plan = JSON.parse(plan) as Rollout['plan'];
  if (release) rollout.release = JSON.parse(release) as Rollout['release'];
  // Hash fields come back in no particular order: put hosts in the plan's order, as the rollout was created.
  const order = new Map(rollout.plan.targets.map((host, i) => [host, i]));
  const byPlan = (a: string, b: string): number =>
    (order.get(a) ?? order.size) - (order.get(b) ?? order.size) || (a < b ? -1 : a > b ? 1 : 0);
  const readMap = <T>(fields: Record<string, string>): Record<string, T> =>
    Object.fromEntries(
      Object.keys(fields)
        .sort(byPlan)
        .map((host) => [host, JSON.parse(fields[host]!) as T]),
    );
  rollout.hosts = readMap(stored.parts.hosts);
  if (rollout.preflight) rollout.preflight = readMap(stored.parts.preflight);
  if (rollout.cleanup) rollout.cleanup = readMap(stored.parts.cleanup);
  rollout.audit = stored.parts.audit.map((item) => JSON.parse(item) as Rollout['audit'][number]);
  rollout.health.samples = stored.parts.samples.map((item) => JSON.parse(item) as Rollout['health']['samples'][number]);
  return { rollout, layout: true };
}
