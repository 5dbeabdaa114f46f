// What the counter console works out for itself, with no page (so Node's tests import it): when
// "Did not come" becomes possible, and which of the office's unserved services this counter could
// take on. The server decides both (queue_display/no_show.py refuses an early no-show;
// queue_display/coverage.py says who waits with no open counter): this only keeps the page from
// offering what the server would refuse, and says why.

import { pluralCategory } from "./format.js";

/**
 * Where a ticket stands against the office's no-show rule ({recalls, minutes}) at ``nowMs`` (the
 * server's clock): ``allowed``, or what is missing (``recallsShort``, ``tooSoon``) and from when
 * the wait since the first call is over (``fromMs``). A ticket that is not called is never allowed.
 */
export function noShowState(ticket, rule, nowMs) {
  if (!ticket || ticket.status !== "called") {
    return { allowed: false, recallsShort: false, tooSoon: false, fromMs: null };
  }
  const fromMs = ticket.called_at ? Date.parse(ticket.called_at) + rule.minutes * 60_000 : null;
  const recallsShort = (ticket.recalls ?? 0) < rule.recalls;
  // No minutes asked: never too soon, even on a page whose clock runs a little behind the server's.
  const tooSoon = rule.minutes > 0 && fromMs !== null && nowMs < fromMs;
  return { allowed: !recallsShort && !tooSoon, recallsShort, tooSoon, fromMs };
}

/** The key of "once", "twice", "3 times" in the console's strings (``counter.times.*``). */
export function timesKey(count, language) {
  if (count === 1 || count === 2) return `counter.times.${count}`;
  return pluralCategory(count, language) === "few" ? "counter.times.few" : "counter.times.other";
}

/**
 * The unserved services ({service: people}, from the feed) that a counter serving ``services``
 * could take on: [[service, people], ...] in the feed's order.
 */
export function unservedHere(unserved, services) {
  const mine = new Set(services);
  return Object.entries(unserved ?? {}).filter(([service, people]) => mine.has(service) && people > 0);
}
