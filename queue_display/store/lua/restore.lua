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
    if t.status == 'parked' then
      redis.call('HSET', dkey(t.day, 'parked'), t.id, t.number)
      redis.call('EXPIRE', dkey(t.day, 'parked'), ttl)
    end
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
