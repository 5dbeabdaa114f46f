// Where a simulated day's figures came from, as the panel says it under the headline: the
// bookings made (and those the forecast still expects on a day ahead), the office's history the
// estimates rest on (or none: the catalogue's priors), how many people with a booking never come,
// how early they come, and the walk-ins expected. The server's ``inputs.description`` is English;
// the panel builds its sentence from the parts (``history.weeks/days/tickets``) in the page's
// language. Pure (no DOM), so Node tests it (tests/js/simulation-inputs.test.mjs).

/** Under half a minute either way, people come on time as far as anyone can tell. */
const ON_TIME = 0.5;

/** The parts of the provenance line, each ``{key, counts}`` for the page to say:
 *  ``bookings`` (``n``; ``expected`` when the forecast adds some), ``history`` (``weeks``,
 *  ``days``, ``tickets``) or ``priors``, ``no_show`` (``share``, 0–1), ``early`` / ``late``
 *  (``minutes``) or ``on_time``, and ``walk_ins`` (``n`` a day, with the ``source``). Empty
 *  without inputs (a job from before they were recorded). */
export function provenanceParts(inputs) {
  if (!inputs) return [];
  const parts = [];
  const expected = inputs.expected_bookings ?? 0;
  parts.push(expected > 0
    ? { key: "bookings_expected", counts: { n: inputs.bookings, expected } }
    : { key: "bookings", counts: { n: inputs.bookings } });
  const history = inputs.history;
  parts.push(history && history.days > 0
    ? { key: "history", counts: { weeks: history.weeks, days: history.days, tickets: history.tickets } }
    : { key: "priors", counts: {} });
  parts.push({ key: "no_show", counts: { share: inputs.no_show_share } });
  const early = inputs.early_minutes ?? 0;
  if (early >= ON_TIME) parts.push({ key: "early", counts: { minutes: Math.round(early) } });
  else if (early <= -ON_TIME) parts.push({ key: "late", counts: { minutes: Math.round(-early) } });
  else parts.push({ key: "on_time", counts: {} });
  if (inputs.walk_ins) {
    parts.push({ key: `walk_ins.${inputs.walk_ins.source}`, counts: { n: Math.round(inputs.walk_ins.per_day) } });
  }
  return parts;
}
