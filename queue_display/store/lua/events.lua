-- Read-only: the last seq and the logged events, at one instant.
if lost() then return {'lost'} end
local out = {'ok', redis.call('GET', base .. ':seq') or '0'}
for _, e in ipairs(redis.call('LRANGE', base .. ':events', 0, -1)) do out[#out + 1] = e end
return out
