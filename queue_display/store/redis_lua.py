"""The Redis store's Lua scripts: each operation runs as one script, so it is atomic across
every server process sharing the Redis.

KEYS[1] is the office's base key ``<prefix>:{<office_id>}``; every key a script touches starts
with it, so all of an office's keys share one Redis Cluster hash slot and a script never crosses
slots. Layout under the base::

    :live                     STRING  the office's generation: set by RESTORE, gone with the
                                      state (a Redis restarted empty); no live key, no step
    :restoring                STRING  the restore lock (SET NX PX), held by one process
    :seq                      INCR    the office's last event seq
    :events                   LIST    last N events (JSON), oldest first
    :counters                 HASH    counter id → CounterState JSON
    :samples                  HASH    service → JSON list of recent service seconds
    :ticket:<id>              STRING  ticket JSON (expires after two days)
    :<day>:sequence           INCR    the day's ticket sequence, for a store not attached to
                                      the database (which numbers tickets in production)
    :<day>:checkins           HASH    booking code → ticket id (HSETNX: one check-in a day)
    :<day>:services           SET     services queued that day (for the waiting counts)
    :<day>:waiting:<service>  ZSET    due tickets, score = policy score, member = policy member
    :<day>:early:<service>    ZSET    appointments before their slot, score = due epoch ms
    :<day>:early_scores       HASH    member → policy score, to promote an early ticket when due
    :<day>:holding            HASH    counter → id of the ticket called or served there
    :<day>:recent             LIST    the last calls (JSON), newest first

Sorted sets order equal scores by the member's bytes, and the member starts with the
zero-padded sequence, so ``ZRANGE 0 0`` gives exactly ``CallPolicy.key``'s minimum. The only
time-dependent part of the policy, "an appointment is not due before its slot", is handled by
``promote``: early appointments move into the waiting set once ``due ≤ now``.

Every script that reads or changes an office first checks its ``:live`` key and answers
``lost`` without touching anything when it is missing: Redis lost the office (or never had it),
and the store takes the day up from the archive before trying again. ``RESTORE`` does that, and
only for an office that is not live, so a late or stale account never sets a live office back;
it writes ``:live`` last, in the same script.

Events arrive from Python as JSON text without ``seq``; ``log`` splices the seq (and, for
``queue`` events, the waiting counts) into the text, so the bytes the screens see are Python's.
"""

from __future__ import annotations

_LIBRARY = """
local base = KEYS[1]
local function dkey(day, name) return base .. ':' .. day .. ':' .. name end
local function mkey(seq, id) return string.format('%06d:%s', seq, id) end
local function lost() return redis.call('EXISTS', base .. ':live') == 0 end

local function promote(day, service, now_ms)
  local early = dkey(day, 'early:' .. service)
  local scores = dkey(day, 'early_scores')
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', early, '-inf', now_ms)) do
    redis.call('ZADD', dkey(day, 'waiting:' .. service), redis.call('HGET', scores, m), m)
    redis.call('ZREM', early, m)
    redis.call('HDEL', scores, m)
  end
end

local function enqueue(t, score, due_ms, now_ms, ttl)
  local m = mkey(t.sequence, t.id)
  if tonumber(due_ms) <= tonumber(now_ms) then
    redis.call('ZADD', dkey(t.day, 'waiting:' .. t.service), score, m)
  else
    redis.call('ZADD', dkey(t.day, 'early:' .. t.service), due_ms, m)
    redis.call('HSET', dkey(t.day, 'early_scores'), m, score)
    redis.call('EXPIRE', dkey(t.day, 'early:' .. t.service), ttl)
    redis.call('EXPIRE', dkey(t.day, 'early_scores'), ttl)
  end
  redis.call('EXPIRE', dkey(t.day, 'waiting:' .. t.service), ttl)
  redis.call('SADD', dkey(t.day, 'services'), t.service)
  redis.call('EXPIRE', dkey(t.day, 'services'), ttl)
end

local function counts(day)
  local out = {}
  for _, s in ipairs(redis.call('SMEMBERS', dkey(day, 'services'))) do
    out[s] = redis.call('ZCARD', dkey(day, 'waiting:' .. s))
      + redis.call('ZCARD', dkey(day, 'early:' .. s))
  end
  return out
end

local function log(templates, day, history)
  local out = {}
  for _, text in ipairs(templates) do
    local seq = redis.call('INCR', base .. ':seq')
    local head = '{"seq":' .. seq .. ','
    if day and string.find(text, '"type":"queue"', 1, true) then
      head = head .. '"waiting":' .. cjson.encode(counts(day)) .. ','
    end
    local event = head .. string.sub(text, 2)
    redis.call('RPUSH', base .. ':events', event)
    out[#out + 1] = event
  end
  redis.call('LTRIM', base .. ':events', -tonumber(history), -1)
  return out
end
"""

ISSUE = (
    _LIBRARY
    + """
-- ARGV: numbered draft, prefix, score, due_ms, now_ms, ttl, history, booking code or '',
--       queue event
if lost() then return {'lost'} end
local t = cjson.decode(ARGV[1])
local score, due_ms, now_ms, ttl = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if ARGV[8] ~= '' then
  if redis.call('HSETNX', dkey(t.day, 'checkins'), ARGV[8], t.id) == 0 then
    return {'already_checked_in'}
  end
  redis.call('EXPIRE', dkey(t.day, 'checkins'), ttl)
end
local raw = ARGV[1]
redis.call('SET', base .. ':ticket:' .. t.id, raw, 'EX', ttl)
promote(t.day, t.service, now_ms)
enqueue(t, score, due_ms, now_ms, ttl)
local waiting, m = dkey(t.day, 'waiting:' .. t.service), mkey(t.sequence, t.id)
local ahead = redis.call('ZCOUNT', waiting, '-inf', '(' .. score)
for _, other in ipairs(redis.call('ZRANGEBYSCORE', waiting, score, score)) do
  if other < m then ahead = ahead + 1 end
end
local out = {'ok', raw, ahead + 1}
for _, e in ipairs(log({ARGV[9]}, t.day, ARGV[7])) do out[#out + 1] = e end
return out
"""
)

CALL_NEXT = (
    _LIBRARY
    + """
-- ARGV: day, counter, now_iso, now_ms, ttl, history, office_id, announce_ar, announce_en,
--       recent size, services...
if lost() then return {'lost'} end
local day, counter, now_iso, now_ms, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local state = redis.call('HGET', base .. ':counters', counter)
if not state or cjson.decode(state).status ~= 'open' then return {'counter_not_open'} end
local holding = redis.call('HGET', dkey(day, 'holding'), counter)
if holding then return {'counter_busy', holding} end
local best_score, best_member, best_service
for i = 11, #ARGV do
  promote(day, ARGV[i], now_ms)
  local head = redis.call('ZRANGE', dkey(day, 'waiting:' .. ARGV[i]), 0, 0, 'WITHSCORES')
  if head[1] then
    local score = tonumber(head[2])
    if not best_member or score < best_score or (score == best_score and head[1] < best_member) then
      best_score, best_member, best_service = score, head[1], ARGV[i]
    end
  end
end
if not best_member then return {'empty'} end
redis.call('ZREM', dkey(day, 'waiting:' .. best_service), best_member)
local id = string.match(best_member, ':(.*)$')
local key = base .. ':ticket:' .. id
local t = cjson.decode(redis.call('GET', key))
t.status, t.counter, t.called_at = 'called', counter, now_iso
local raw = cjson.encode(t)
redis.call('SET', key, raw, 'EX', ttl)
redis.call('HSET', dkey(day, 'holding'), counter, id)
redis.call('EXPIRE', dkey(day, 'holding'), ttl)
local recent = dkey(day, 'recent')
redis.call('LPUSH', recent, cjson.encode(
  {number = t.number, counter = counter, service = t.service, called_at = now_iso}))
redis.call('LTRIM', recent, 0, tonumber(ARGV[10]) - 1)
redis.call('EXPIRE', recent, ttl)
local function fill(template)
  for _, pair in ipairs({{'{number}', t.number}, {'{counter}', counter}}) do
    local i, j = string.find(template, pair[1], 1, true)
    while i do
      template = string.sub(template, 1, i - 1) .. pair[2] .. string.sub(template, j + 1)
      i, j = string.find(template, pair[1], i + #pair[2], true)
    end
  end
  return template
end
local called = cjson.encode({
  type = 'called', office_id = ARGV[7], ticket_id = id, number = t.number, counter = counter,
  service = t.service, called_at = now_iso, announce = {ar = fill(ARGV[8]), en = fill(ARGV[9])}})
local queue = cjson.encode({type = 'queue', office_id = ARGV[7]})
local out = {'ok', raw}
for _, e in ipairs(log({called, queue}, day, ARGV[6])) do out[#out + 1] = e end
return out
"""
)

COMMIT = (
    _LIBRARY
    + """
-- Compare-and-set of one ticket step computed in Python by the state machine.
-- ARGV: id, expected JSON, new JSON, ttl, history, successor JSON or '', successor score,
--       successor due ms, now ms, service seconds sample or '', sample limit, events...
if lost() then return {'lost'} end
local key = base .. ':ticket:' .. ARGV[1]
if redis.call('GET', key) ~= ARGV[2] then return {'conflict'} end
local ttl = ARGV[4]
local t = cjson.decode(ARGV[3])
redis.call('SET', key, ARGV[3], 'EX', ttl)
if t.status ~= 'waiting' then
  local m = mkey(t.sequence, t.id)
  redis.call('ZREM', dkey(t.day, 'waiting:' .. t.service), m)
  redis.call('ZREM', dkey(t.day, 'early:' .. t.service), m)
  redis.call('HDEL', dkey(t.day, 'early_scores'), m)
end
if t.counter ~= cjson.null then
  local holding = dkey(t.day, 'holding')
  if t.status == 'called' or t.status == 'serving' then
    redis.call('HSET', holding, t.counter, t.id)
  elseif redis.call('HGET', holding, t.counter) == t.id then
    redis.call('HDEL', holding, t.counter)
  end
end
if ARGV[10] ~= '' then
  local stored = redis.call('HGET', base .. ':samples', t.service)
  local samples = stored and cjson.decode(stored) or {}
  samples[#samples + 1] = tonumber(ARGV[10])
  while #samples > tonumber(ARGV[11]) do table.remove(samples, 1) end
  redis.call('HSET', base .. ':samples', t.service, cjson.encode(samples))
end
if ARGV[6] ~= '' then
  local s = cjson.decode(ARGV[6])
  redis.call('SET', base .. ':ticket:' .. s.id, ARGV[6], 'EX', ttl)
  enqueue(s, ARGV[7], ARGV[8], ARGV[9], ttl)
end
local templates = {}
for i = 12, #ARGV do templates[#templates + 1] = ARGV[i] end
local out = {'ok'}
for _, e in ipairs(log(templates, t.day, ARGV[5])) do out[#out + 1] = e end
return out
"""
)

SET_COUNTER = (
    _LIBRARY
    + """
-- ARGV: counter, state JSON, history, counter event
if lost() then return {'lost'} end
redis.call('HSET', base .. ':counters', ARGV[1], ARGV[2])
local out = {'ok'}
for _, e in ipairs(log({ARGV[4]}, nil, ARGV[3])) do out[#out + 1] = e end
return out
"""
)

BOARD = (
    _LIBRARY
    + """
-- ARGV: day. Read-only: the state behind a snapshot, at one seq.
if lost() then return 'lost' end
local day = ARGV[1]
local at_counters = {}
for _, id in ipairs(redis.call('HVALS', dkey(day, 'holding'))) do
  at_counters[#at_counters + 1] = redis.call('GET', base .. ':ticket:' .. id)
end
return cjson.encode({
  seq = tonumber(redis.call('GET', base .. ':seq') or '0'),
  at_counters = at_counters,
  recent = redis.call('LRANGE', dkey(day, 'recent'), 0, -1),
  waiting = counts(day),
  counters = redis.call('HVALS', base .. ':counters'),
  samples = redis.call('HGETALL', base .. ':samples'),
})
"""
)

RESTORE = (
    _LIBRARY
    + """
-- ARGV: ttl, seq floor, now ms, restoration JSON:
--   {tickets: [[raw, score, due_ms]], sequences: {day: n}, check_ins: [[day, code, id]],
--    holding: [[day, counter, id]], services: {day: [service]}, recent: {day: [entry JSON]},
--    samples: {service: JSON list}, counters: {counter: state JSON}}
if not lost() then return 0 end
local ttl, now_ms = ARGV[1], ARGV[3]
local r = cjson.decode(ARGV[4])
local taken, count = {}, 0
for _, entry in ipairs(r.tickets) do
  local t = cjson.decode(entry[1])
  if redis.call('SET', base .. ':ticket:' .. t.id, entry[1], 'NX', 'EX', ttl) then
    taken[t.id], count = true, count + 1
    if t.status == 'waiting' then enqueue(t, entry[2], entry[3], now_ms, ttl) end
  end
end
for day, n in pairs(r.sequences) do
  local key = dkey(day, 'sequence')
  if tonumber(redis.call('GET', key) or '0') < n then redis.call('SET', key, n, 'EX', ttl) end
end
for _, c in ipairs(r.check_ins) do
  redis.call('HSETNX', dkey(c[1], 'checkins'), c[2], c[3])
  redis.call('EXPIRE', dkey(c[1], 'checkins'), ttl)
end
for _, h in ipairs(r.holding) do
  if taken[h[3]] then
    redis.call('HSETNX', dkey(h[1], 'holding'), h[2], h[3])
    redis.call('EXPIRE', dkey(h[1], 'holding'), ttl)
  end
end
for day, services in pairs(r.services) do
  for _, s in ipairs(services) do redis.call('SADD', dkey(day, 'services'), s) end
  redis.call('EXPIRE', dkey(day, 'services'), ttl)
end
for day, entries in pairs(r.recent) do
  local recent = dkey(day, 'recent')
  if redis.call('EXISTS', recent) == 0 and #entries > 0 then
    redis.call('RPUSH', recent, unpack(entries))
    redis.call('EXPIRE', recent, ttl)
  end
end
for service, samples in pairs(r.samples) do
  redis.call('HSETNX', base .. ':samples', service, samples)
end
for counter, state in pairs(r.counters) do
  redis.call('HSETNX', base .. ':counters', counter, state)
end
if tonumber(redis.call('GET', base .. ':seq') or '0') < tonumber(ARGV[2]) then
  redis.call('SET', base .. ':seq', ARGV[2])
end
redis.call('SET', base .. ':live', ARGV[2])
return count
"""
)

EVENTS = (
    _LIBRARY
    + """
-- Read-only: the last seq and the logged events, at one instant.
if lost() then return {'lost'} end
local out = {'ok', redis.call('GET', base .. ':seq') or '0'}
for _, e in ipairs(redis.call('LRANGE', base .. ':events', 0, -1)) do out[#out + 1] = e end
return out
"""
)

ESTIMATE_INPUTS = """
-- Read-only: recent service times per service, and the counters.
return {redis.call('HGETALL', KEYS[1] .. ':samples'), redis.call('HVALS', KEYS[1] .. ':counters')}
"""

RELEASE = """
-- Delete the lock KEYS[1] only if it still holds our token ARGV[1].
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
