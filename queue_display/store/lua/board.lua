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
  parked = redis.call('HVALS', dkey(day, 'parked')),
})
