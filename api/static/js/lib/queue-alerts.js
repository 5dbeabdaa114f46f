// Queues that nobody is serving: people wait for a service and no open counter offers it.
//
// Read from the hall's live figures as the display feed sends them: ``waiting`` (service →
// people waiting) and ``estimates`` (service → minutes, or null). The estimate of a service is
// null exactly when no open counter serves it (queue_display/estimate.py: with no counter's share
// the wait is unknown), so a service with people waiting and a null estimate is a queue nobody
// will call. A service whose estimate the page has not heard yet (undefined) is not flagged: not
// knowing is not the same as knowing that nobody serves it.
//
// The server answers the same question for the counter consoles (``queue_display.coverage
// .unserved``) and sends its answer as ``unserved`` in the board's snapshot and in live queue and
// counter events: when the page has it, that answer is the one used, so the dashboard and the
// consoles never disagree. Replayed events carry no ``unserved``; then the estimates tell.
//
// Pure (no DOM), so Node tests it (tests/js/queue-alerts.test.mjs).

/** ``[{service, waiting}]`` for each service with people waiting and no open counter serving
 *  it, the longest queue first (then by service code, so the order is stable). ``unserved``
 *  (service → people), the server's own answer, is taken as it is when given. */
export function unservedQueues(waiting = {}, estimates = {}, unserved = undefined) {
  const found = unserved
    ? Object.entries(unserved).filter(([, count]) => count > 0)
    : Object.entries(waiting).filter(
        ([service, count]) => count > 0 && Object.hasOwn(estimates, service) && estimates[service] === null,
      );
  return found
    .map(([service, count]) => ({ service, waiting: count }))
    .sort((a, b) => b.waiting - a.waiting || a.service.localeCompare(b.service));
}
