// Queues that nobody is serving: people wait for a service and no open counter offers it.
//
// Read from the hall's live figures as the display feed sends them: ``waiting`` (service →
// people waiting) and ``estimates`` (service → minutes, or null). The estimate of a service is
// null exactly when no open counter serves it (queue_display/estimate.py: with no counter's share
// the wait is unknown), so a service with people waiting and a null estimate is a queue nobody
// will call. A service whose estimate the page has not heard yet (undefined) is not flagged: not
// knowing is not the same as knowing that nobody serves it.
//
// Pure (no DOM), so Node tests it (tests/js/queue-alerts.test.mjs); the counter consoles' own
// detection (worktree i12-hall, in queue_display/) answers the same question on the server, and
// the two can be made one.

/** ``[{service, waiting}]`` for each service with people waiting and no open counter serving
 *  it, the longest queue first (then by service code, so the order is stable). */
export function unservedQueues(waiting = {}, estimates = {}) {
  return Object.entries(waiting)
    .filter(([service, count]) => count > 0 && Object.hasOwn(estimates, service) && estimates[service] === null)
    .map(([service, count]) => ({ service, waiting: count }))
    .sort((a, b) => b.waiting - a.waiting || a.service.localeCompare(b.service));
}
