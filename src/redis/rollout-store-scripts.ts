import { isOver } from '../core/rollout/active-states.js';
import { ROLLOUT_STATES, type RolloutState } from '../core/rollout/rollout-state.js';

/** The Lua scripts of the rollout store (create-redis-rollout-store.ts): each runs as one atomic step in Redis. */

// A Lua table of the states that pass `keep`: `{['done'] = true, …}`.
const statesTable = (keep: (state: RolloutState) => boolean): string =>
  `{${ROLLOUT_STATES.filter(keep)
    .map((state) => `['${state}'] = true`)
    .join(', ')}}`;

// Each rollout's state (its record at prefix .. id): false for a record that is gone, '?' for one without a readable
// state, 'done-kept' for a done rollout that keeps hosts, read once per script however many of the hosts asked about
// it the rollout holds. `holds` says whether its claims hold: it is not over, or it failed, or it is done and keeps
// hosts (such a rollout lets go of every host but those it left changed as it ends, hostsKept, and of those when a
// person says so). An unreadable record holds: a host is wrongly kept rather than wrongly given to two rollouts.
// `active`: it is not over.
const HOLDS = `
local over = ${statesTable(isOver)}
over['done-kept'] = true
local freed = ${statesTable((state) => isOver(state) && state !== 'failed')}
local states = {}
local function readState(key)
  local core = redis.call('HGET', key, 'core') or redis.call('HGET', key, 'json')
  if not core then return false end
  local ok, record = pcall(cjson.decode, core)
  if not ok or type(record) ~= 'table' or type(record.state) ~= 'string' then return '?' end
  if record.state == 'done' and record.changedHosts == 'kept' then return 'done-kept' end
  return record.state
end
local function stateOf(prefix, id)
  if states[id] == nil then states[id] = readState(prefix .. id) end
  return states[id]
end
local function holds(prefix, id)
  local state = stateOf(prefix, id)
  return state ~= false and not freed[state]
end
local function active(prefix, id)
  local state = stateOf(prefix, id)
  return state ~= false and not over[state]
end
`;

// Compare-and-set on a version field, host claims, then the layout's writes (rollout-layout.ts), in one script: safe
// on a connection other callers share (WATCH is not). KEYS: record, index, channel, host claims (host → rollout id),
// then the parts. ARGV: expected version, next version, now, id, record key prefix, claim mode (\`claim\`, \`release\` or
// empty), host count, the hosts, then operations of the form <hset|hdel|rpush|del> <KEYS index> <count> <arguments>.
// A claim that finds hosts another rollout holds writes nothing and returns them as host, holder pairs.
export const SAVE_ROLLOUT = `${HOLDS}
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

// Which of the hosts a rollout holds (not over, or failed or done and keeping them): host, holder pairs. KEYS: the host
// claims. ARGV: the record key prefix, then the hosts.
export const FIND_HOLDERS = `${HOLDS}
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

// Claims the hosts of a rollout not over that holds none of them, as one an earlier dten made does: each host no other
// rollout holds. KEYS: the host claims. ARGV: the record key prefix, the rollout's id, then its targets. Returns how
// many it claimed; 0 at once for a rollout that holds any host already, or is over (it may have ended since the
// caller read it).
export const ADOPT_HOSTS = `${HOLDS}
if not active(ARGV[1], ARGV[2]) then return 0 end
for j = 3, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[j]) == ARGV[2] then return 0 end
end
local adopted = 0
for j = 3, #ARGV do
  local holder = redis.call('HGET', KEYS[1], ARGV[j])
  if not holder or not holds(ARGV[1], holder) then
    redis.call('HSET', KEYS[1], ARGV[j], ARGV[2])
    adopted = adopted + 1
  end
end
return adopted
`;
