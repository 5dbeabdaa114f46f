-- ARGV: counter, state JSON, history, counter event
if lost() then return {'lost'} end
redis.call('HSET', base .. ':counters', ARGV[1], ARGV[2])
local out = {'ok'}
for _, e in ipairs(log({ARGV[4]}, nil, ARGV[3])) do out[#out + 1] = e end
return out
