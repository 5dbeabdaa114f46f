// What the hall display works out without the page (so Node's tests import it): the words of a
// service's expected wait, and how a table's rows fall into pages that each fit the screen.

import { digits, minutes as minutesIn } from "./format.js";

/**
 * The expected wait of a service, {ar, en, state}, in the display's ``words``: "no counter open"
 * when no open counter serves it (nobody can be called, whatever the count), "no wait" when
 * nobody waits, else about how many minutes; "—" only when the figure is not known yet.
 * The server's first paint says the same (templates/display/_rows.html, ``estimate``).
 */
export function waitWords(count, minutes, open, words) {
  const both = (key, state) => ({ ar: words[key].ar, en: words[key].en, state });
  if (!open) return both("display.no_counter_open", "closed");
  if (count === 0 || minutes === 0) return both("display.no_wait", "none");
  if (minutes === null || minutes === undefined) return both("display.unknown_wait", "unknown");
  return {
    ar: words["display.about"].ar.replace("{minutes}", minutesIn(minutes, "ar")).replace("{n}", digits(minutes, "ar")),
    en: words["display.about"].en.replace("{minutes}", minutesIn(minutes, "en")).replace("{n}", String(minutes)),
    state: "about",
  };
}

/**
 * Rows of these ``heights`` in pages that each fit ``available`` pixels, in order: [[start, end), …].
 * A row taller than the space gets a page of its own; no rows, no pages.
 */
export function paginate(heights, available) {
  const pages = [];
  let start = 0;
  let used = 0;
  heights.forEach((height, index) => {
    if (index > start && used + height > available) {
      pages.push([start, index]);
      start = index;
      used = 0;
    }
    used += height;
  });
  if (heights.length) pages.push([start, heights.length]);
  return pages;
}
