-- A place for one display socket of one client address (api/display_guard.py).
-- KEYS[1]: the address's sorted set; ARGV: member, cap, lease in ms.
-- One member per open socket, scored by when its lease ends. Taking a place first drops the
-- lapsed members, then adds one only while fewer than the cap remain: one script, so two
-- processes can never both take the last place. Redis's own clock decides.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
