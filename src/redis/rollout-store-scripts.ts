import { isOver } from '../core/rollout/active-states.js';
import { ROLLOUT_STATES } from '../core/rollout/rollout-state.js';

/** The Lua scripts of the rollout store (create-redis-rollout-store.ts): each runs as one atomic step in Redis. */

// The states a rollout ends in, as a Lua table: a host held by a rollout in one of them is free.
const OVER_LUA = `{${ROLLOUT_STATES.filter(isOver)
  .map((state) => `['${state}'] = true`)
  .join(', ')}}`;

// Whether the rollout `id` (its record at prefix .. id) still holds its hosts: it exists and is not over. A record
// without a readable state counts as holding: a host is wrongly kept rather than wrongly given to two rollouts. Each
// rollout is read once per script, however many of the hosts asked about it holds.
const HOLDS = `
local over = ${OVER_LUA}
local holding = {}
local function readHolds(key)
  local core = redis.call('HGET', key, 'core') or redis.call('HGET', key, 'json')
  if not core then return false end
  local ok, record = pcall(cjson.decode, core)
  if not ok or type(record) ~= 'table' or type(record.state) ~= 'string' then return true end
  return not over[record.state]
end
local function holds(prefix, id)
  if holding[id] == nil then holding[id] = readHolds(prefix .. id) end
  return holding[id]
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

// Which of the hosts a rollout that is not over holds: host, holder pairs. KEYS: the host claims. ARGV: the record
// key prefix, then the hosts.
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
// many it claimed; 0 at once for a rollout that holds any host already, or is over.
export const ADOPT_HOSTS = `${HOLDS}
if not holds(ARGV[1], ARGV[2]) then return 0 end
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
