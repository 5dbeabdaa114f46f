-- ARGV: day, counter, now_iso, now_ms, ttl, history, office_id, announce_ar, announce_en,
--       recent size, services...
if lost() then return {'lost'} end
local day, counter, now_iso, now_ms, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local state = redis.call('HGET', base .. ':counters', counter)
if not state or cjson.decode(state).status ~= 'open' then return {'counter_not_open'} end
local holding = redis.call('HGET', dkey(day, 'holding'), counter)
if holding then return {'counter_busy', holding} end
local best_score, best_member, best_service
for i = 11, #ARGV do
  promote(day, ARGV[i], now_ms)
  local head = redis.call('ZRANGE', dkey(day, 'waiting:' .. ARGV[i]), 0, 0, 'WITHSCORES')
  if head[1] then
    local score = tonumber(head[2])
    if not best_member or score < best_score or (score == best_score and head[1] < best_member) then
      best_score, best_member, best_service = score, head[1], ARGV[i]
    end
  end
end
if not best_member then return {'empty'} end
redis.call('ZREM', dkey(day, 'waiting:' .. best_service), best_member)
local id = string.match(best_member, ':(.*)$')
local key = base .. ':ticket:' .. id
local t = cjson.decode(redis.call('GET', key))
t.status, t.counter, t.called_at = 'called', counter, now_iso
local raw = cjson.encode(t)
redis.call('SET', key, raw, 'EX', ttl)
redis.call('HSET', dkey(day, 'holding'), counter, id)
redis.call('EXPIRE', dkey(day, 'holding'), ttl)
local recent = dkey(day, 'recent')
redis.call('LPUSH', recent, cjson.encode(
  {number = t.number, counter = counter, service = t.service, called_at = now_iso}))
redis.call('LTRIM', recent, 0, tonumber(ARGV[10]) - 1)
redis.call('EXPIRE', recent, ttl)
local function fill(template)
  for _, pair in ipairs({{'{number}', t.number}, {'{counter}', counter}}) do
    local i, j = string.find(template, pair[1], 1, true)
    while i do
      template = string.sub(template, 1, i - 1) .. pair[2] .. string.sub(template, j + 1)
      i, j = string.find(template, pair[1], i + #pair[2], true)
    end
  end
  return template
end
local called = cjson.encode({
  type = 'called', office_id = ARGV[7], ticket_id = id, number = t.number, counter = counter,
  service = t.service, called_at = now_iso, announce = {ar = fill(ARGV[8]), en = fill(ARGV[9])}})
local queue = cjson.encode({type = 'queue', office_id = ARGV[7]})
local out = {'ok', raw}
for _, e in ipairs(log({called, queue}, day, ARGV[6])) do out[#out + 1] = e end
return out
