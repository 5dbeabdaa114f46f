// The staffing advice of a simulated day as the panel shows it, from the job's ``staffing`` (the
// day as planned) and ``what_if_staffing`` (with the manager's changes): the counters needed and
// planned per hour for the chart, the rows per service group for the table, and how many hours
// are short or have counters to spare. Pure (no DOM), so Node tests it
// (tests/js/simulation-staffing.test.mjs).
//
// Needed and planned are summed over the service groups in the chart: a group short while another
// has counters to spare still shows in the table and in the count of short hours, which look at
// each group on its own.

import { clockMinutes, clockOf } from "./simulation-figures.js";

/** The flags of an hour, worst first. */
export const STATUSES = ["short", "ok", "idle"];

/** The hours' starts ("08:00"…) the advice covers, in clock order. */
export function adviceHours(staffing) {
  const starts = new Set((staffing?.hours ?? []).map((hour) => hour.starts));
  return [...starts].sort((a, b) => clockMinutes(a) - clockMinutes(b));
}

function summed(staffing, starts, field) {
  return starts.map((start) => {
    const hours = (staffing?.hours ?? []).filter((hour) => hour.starts === start);
    if (!hours.length) return null;
    return Math.round(hours.reduce((total, hour) => total + (hour[field] ?? 0), 0) * 10) / 10;
  });
}

/** The chart's steps: x in hours on the office's clock (each hour's start, then closing, so the
 *  last hour is drawn to the end of the day: a step holds its value until the next point), and
 *  the counters ``needed`` and ``planned`` summed over the groups, with ``what_if`` (the counters
 *  planned with the changes) when the manager asked for a what-if. */
export function staffingSeries(result) {
  const starts = adviceHours(result?.staffing);
  if (!starts.length) return { hours: [], series: [] };
  const closes = result.closes ? clockMinutes(result.closes) : clockMinutes(starts.at(-1)) + 60;
  const hours = [...starts.map((start) => clockMinutes(start) / 60), closes / 60];
  const held = (values) => [...values, values.at(-1)];
  const series = [
    { name: "needed", values: held(summed(result.staffing, starts, "needed")) },
    { name: "planned", values: held(summed(result.staffing, starts, "planned")) },
  ];
  if (result.what_if_staffing) {
    series.push({ name: "what_if", values: held(summed(result.what_if_staffing, starts, "planned")) });
  }
  return { hours, series };
}

/** The table's rows: one per service group (its services in the order given), each with its
 *  hours in clock order: ``{group, hours: [{starts, needed, planned, status, promised}]}``. */
export function groupRows(staffing) {
  const groups = new Map();
  for (const hour of staffing?.hours ?? []) {
    const key = hour.group.join("+");
    if (!groups.has(key)) groups.set(key, { group: hour.group, hours: [] });
    groups.get(key).hours.push({
      starts: hour.starts, needed: hour.needed, planned: hour.planned, status: hour.status, promised: hour.promised,
    });
  }
  for (const entry of groups.values()) entry.hours.sort((a, b) => clockMinutes(a.starts) - clockMinutes(b.starts));
  return [...groups.values()];
}

/** How many hours of the day are short of counters (any group short) and how many have counters
 *  to spare (any group idle), and the sentence to say it with: ``both``, ``short``, ``idle`` or
 *  ``none``. An hour short in one group and idle in another counts in both: counters could move. */
export function staffingSummary(staffing) {
  const short = new Set();
  const idle = new Set();
  for (const hour of staffing?.hours ?? []) {
    if (hour.status === "short") short.add(hour.starts);
    if (hour.status === "idle") idle.add(hour.starts);
  }
  const key = short.size && idle.size ? "both" : short.size ? "short" : idle.size ? "idle" : "none";
  return { key, short: short.size, idle: idle.size };
}

/** The hour needing the most counters (summed over the groups; the first such hour):
 *  ``{clock, needed, planned}``, or null when no hour needs any. */
export function busiestNeed(staffing) {
  const starts = adviceHours(staffing);
  const needed = summed(staffing, starts, "needed");
  const planned = summed(staffing, starts, "planned");
  let best = null;
  starts.forEach((start, index) => {
    if (needed[index] > 0 && (!best || needed[index] > best.needed)) {
      best = { clock: clockOf(clockMinutes(start)), needed: needed[index], planned: planned[index] };
    }
  });
  return best;
}
