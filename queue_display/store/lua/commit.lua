-- Compare-and-set of one ticket step computed in Python by the state machine.
-- ARGV: id, expected JSON, new JSON, ttl, history, successor JSON or '', score, due ms and
--       now ms of the ticket queued (the successor, or the ticket itself when it waits again:
--       a parked ticket back in line), service seconds sample or '', sample limit, events...
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
local parked = dkey(t.day, 'parked')
if t.status == 'parked' then
  redis.call('HSET', parked, t.id, t.number)
  redis.call('EXPIRE', parked, ttl)
else
  redis.call('HDEL', parked, t.id)
end
if ARGV[6] ~= '' then
  local s = cjson.decode(ARGV[6])
  redis.call('SET', base .. ':ticket:' .. s.id, ARGV[6], 'EX', ttl)
  enqueue(s, ARGV[7], ARGV[8], ARGV[9], ttl)
elseif t.status == 'waiting' then
  enqueue(t, ARGV[7], ARGV[8], ARGV[9], ttl)
end
local templates = {}
for i = 12, #ARGV do templates[#templates + 1] = ARGV[i] end
local out = {'ok'}
for _, e in ipairs(log(templates, t.day, ARGV[5])) do out[#out + 1] = e end
return out
