-- ARGV: day, service, member, now_ms
-- A waiting ticket's place, as ISSUE counts it: 1 + the due tickets of its service that sort
-- before it. An early appointment is not in the waiting set yet: its score is in early_scores.
if lost() then return {'lost'} end
local day, service, m = ARGV[1], ARGV[2], ARGV[3]
promote(day, service, ARGV[4])
local waiting = dkey(day, 'waiting:' .. service)
local score = redis.call('ZSCORE', waiting, m)
if not score then score = redis.call('HGET', dkey(day, 'early_scores'), m) end
if not score then return {'gone'} end
local ahead = redis.call('ZCOUNT', waiting, '-inf', '(' .. score)
for _, other in ipairs(redis.call('ZRANGEBYSCORE', waiting, score, score)) do
  if other < m then ahead = ahead + 1 end
end
return {'ok', ahead + 1}
