-- Read-only: recent service times per service, and the counters.
return {redis.call('HGETALL', KEYS[1] .. ':samples'), redis.call('HVALS', KEYS[1] .. ':counters')}
