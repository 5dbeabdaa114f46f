-- Booking attempts of one scope over the window (api/proof_of_work.py): KEYS are the scope's
-- per-second keys, newest first; ARGV: '1' to count this attempt in the newest, the keys' TTL.
-- Returns the sum over the window.
if ARGV[1] == '1' then
  redis.call('INCR', KEYS[1])
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
local total = 0
for _, value in ipairs(redis.call('MGET', unpack(KEYS))) do
  if value then total = total + tonumber(value) end
end
return total
