// What the dashboard's charts and plain sentences are made of, worked out from what the API
// answers: the booking load of a day hour by hour, the office's day hour by hour, and the
// busiest hours an optimiser preview reports. Pure (no DOM, no page), so Node tests it
// (tests/js/dashboard-figures.test.mjs).

/** The hour ("09:00") as a number of the day (9). */
export function hourNumber(hhmm) {
  return Number(String(hhmm).slice(0, 2));
}

/** How full an hour is, booked over capacity; null when it has no capacity. */
export function fullness(booked, capacity) {
  return capacity > 0 ? booked / capacity : null;
}

/** The day ``date`` of each office's load (``GET …/load``), as chart series: the hours any office
 *  is open (numbers, in order) and, per office, how full each hour is in percent (null where it
 *  has no capacity). */
export function loadSeries(loads, date) {
  const days = loads.map((load) => load.days.find((day) => day.date === date));
  const hours = [...new Set(days.flatMap((day) => (day?.hours ?? []).map((h) => hourNumber(h.hour))))].sort((a, b) => a - b);
  const series = days.map((day) => {
    const byHour = Object.fromEntries((day?.hours ?? []).map((h) => [hourNumber(h.hour), h]));
    return hours.map((hour) => {
      const entry = byHour[hour];
      const share = entry ? fullness(entry.booked, entry.capacity) : null;
      return share === null ? null : Math.round(share * 1000) / 10;
    });
  });
  return { hours, series };
}

/** The fullest hour of any office on ``date`` (the most people at a tie, then the earliest, then
 *  the first office): ``{index, hour, booked, capacity}`` with ``index`` the office's place in
 *  ``loads``, or null when nothing is booked that day. */
export function busiestLoadHour(loads, date) {
  let best = null;
  loads.forEach((load, index) => {
    const day = load.days.find((d) => d.date === date);
    for (const entry of day?.hours ?? []) {
      const share = fullness(entry.booked, entry.capacity);
      if (share === null || entry.booked === 0) continue;
      const better = !best || share > best.share || (share === best.share && entry.booked > best.booked);
      if (better) best = { index, hour: entry.hour, booked: entry.booked, capacity: entry.capacity, share };
    }
  });
  if (!best) return null;
  const { share, ...found } = best;
  return found;
}

/** The days of a load that any office is open on, in order. */
export function openDays(loads) {
  const dates = loads[0]?.days.map((day) => day.date) ?? [];
  return dates.filter((date) => loads.some((load) => load.days.find((d) => d.date === date)?.capacity > 0));
}

/** From the office's day hour by hour (``GET …/statistics/hours``): the hour that served most
 *  (``{hour, served}``), the arrival hour with the longest average wait (``{hour, minutes}``),
 *  and everyone served. Null where there is nothing yet. */
export function dayHighlights(hours) {
  let mostServed = null;
  let longestWait = null;
  let served = 0;
  for (const entry of hours) {
    served += entry.served;
    if (entry.served > 0 && (!mostServed || entry.served > mostServed.served)) {
      mostServed = { hour: entry.hour, served: entry.served };
    }
    const wait = entry.average_wait_minutes;
    if (wait !== null && wait !== undefined && (!longestWait || wait > longestWait.minutes)) {
      longestWait = { hour: entry.hour, minutes: wait };
    }
  }
  return { mostServed, longestWait, served };
}

/** Of an optimiser result's ``busiest`` (each office's busiest hour before and after), the
 *  fullest hall before and after, each ``{office_id, date, hour, booked, capacity, utilisation}``;
 *  null where no office has capacity. */
export function busiestHall(busiest = []) {
  const pick = (when) => busiest
    .filter((entry) => entry[when])
    .map((entry) => ({ office_id: entry.office_id, ...entry[when] }))
    .reduce((best, entry) => (!best || entry.utilisation > best.utilisation
      || (entry.utilisation === best.utilisation && entry.booked > best.booked) ? entry : best), null);
  return { before: pick("before"), after: pick("after") };
}
