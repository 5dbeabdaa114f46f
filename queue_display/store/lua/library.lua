-- The functions every office script shares; redis_lua.py puts this in front of each one.
-- KEYS[1] is the office's base key (see redis_lua.py for the layout under it).
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
