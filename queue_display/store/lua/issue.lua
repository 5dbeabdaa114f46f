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
