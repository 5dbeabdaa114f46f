// What the "simulate a day" panel shows, worked out from what the simulation API answers
// (GET /api/v1/manage/simulations/{id}): the headline, the queue through the day as chart series,
// the waits per service, the days an office opens and the clock times a change may use, and the
// body a manager's what-if rows make. Pure (no DOM, no page), so Node tests it
// (tests/js/simulation-figures.test.mjs).

import { addDays } from "./format.js";

/** The scenarios in the order the panel shows them (the what-if only when it was asked). */
export const SCENARIOS = ["planned", "walk_in_fcfs", "walk_in_same_times", "what_if"];

/** Within half a percent either way, the two halls wait alike: no sentence claims a change. */
const SAME = 0.005;

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** "09:30" → 570 minutes after midnight. */
export function clockMinutes(hhmm) {
  const [hours, minutes] = String(hhmm).split(":").map(Number);
  return hours * 60 + minutes;
}

/** Minutes after midnight → "09:30". */
export function clockOf(minutes) {
  const whole = Math.round(minutes);
  return `${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

/** The headline: how much appointments (and the call policy) cut the mean wait against a
 *  walk-in-only hall with the same people. ``{key, share}``: ``cut`` (share > 0), ``longer``
 *  (appointments lengthen it: share is by how much), ``same``, or ``none`` (nobody waits in the
 *  walk-in hall, so there is nothing to cut). */
export function headline(result) {
  const reduction = result?.mean_wait_reduction;
  if (reduction === null || reduction === undefined) return { key: "none", share: null };
  if (reduction >= SAME) return { key: "cut", share: reduction };
  if (reduction <= -SAME) return { key: "longer", share: -reduction };
  return { key: "same", share: 0 };
}

/** What the what-if does to the mean wait against the plan: ``{key, share}`` with ``shorter``,
 *  ``longer``, ``same``, or null without a what-if. */
export function whatIfEffect(result) {
  if (!result?.scenarios?.what_if) return null;
  const change = result.what_if_mean_wait_change;
  if (change === null || change === undefined) return { key: "same", share: 0 };
  if (change <= -SAME) return { key: "shorter", share: -change };
  if (change >= SAME) return { key: "longer", share: change };
  return { key: "same", share: 0 };
}

/** The scenarios the result has, in the panel's order. */
export function scenariosOf(result) {
  return SCENARIOS.filter((name) => result?.scenarios?.[name]);
}

/** People waiting through the day, for the chart: the hours of the day (fractions of an hour on
 *  the office's clock, every quarter of an hour) and one series per scenario. */
export function queueSeries(result) {
  const names = scenariosOf(result);
  const opens = clockMinutes(result.opens) / 60;
  const points = result.scenarios[names[0]]?.queue_length ?? [];
  const hours = points.map((point) => opens + point.minute / 60);
  const series = names.map((name) => ({
    name,
    values: result.scenarios[name].queue_length.map((point) => (point.mean === null ? null : Math.round(point.mean * 10) / 10)),
  }));
  return { hours, series };
}

/** The busiest moment of a scenario's queue: ``{clock, people}``, or null when hardly anyone
 *  waits at any moment (fewer than half a person on average). */
export function busiestQueue(result, name) {
  let best = null;
  for (const point of result.scenarios[name]?.queue_length ?? []) {
    if (point.mean !== null && point.mean >= 0.5 && (!best || point.mean > best.people)) {
      best = { clock: clockOf(clockMinutes(result.opens) + point.minute), people: point.mean };
    }
  }
  return best;
}

/** The waits per service, one row per service any scenario has: ``{service, waits: {scenario:
 *  {people, p50, p90, max}}}``, in the services' order. */
export function serviceWaits(result) {
  const names = scenariosOf(result);
  const services = [...new Set(names.flatMap((name) => Object.keys(result.scenarios[name].by_service ?? {})))].sort();
  return services.map((service) => ({
    service,
    waits: Object.fromEntries(names.map((name) => {
      const entry = result.scenarios[name].by_service?.[service];
      return [name, entry ? {
        people: entry.people, p50: entry.p50_wait_minutes, p90: entry.p90_wait_minutes, max: entry.max_wait_minutes,
      } : null];
    })),
  }));
}

/** The days from ``first`` to ``last`` on which the office's weekly hours open it
 *  (``{"sun": ["08:00", "15:00"], …}``); holidays and closures are the server's to refuse. */
export function openDays(hours, first, last) {
  const days = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (hoursOn(hours, day)) days.push(day);
  }
  return days;
}

/** The office's ``[opens, closes]`` on ``day``, or null when it does not open that weekday. */
export function hoursOn(hours, day) {
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
  return hours?.[weekday] ?? null;
}

/** The first open day after ``today`` (tomorrow, or the next the office opens), or null. */
export function nextOpenDay(hours, today, last) {
  return openDays(hours, addDays(today, 1), last)[0] ?? null;
}

/** The clock times a change may start or end at: every ``step`` minutes from opening to closing. */
export function clockTimes([opens, closes], step = 30) {
  const times = [];
  for (let minute = clockMinutes(opens); minute <= clockMinutes(closes); minute += step) times.push(clockOf(minute));
  return times;
}

/** One what-if row as the API takes it: ``{kind, from?, to?, counter?}``, without what the kind
 *  does not use. */
export function changeOf({ kind, from, to, counter }) {
  if (kind === "close_counter") return { kind, counter };
  const change = { kind, from, to };
  if (kind === "remove_counter" && counter) change.counter = counter;
  return change;
}

/** A waiting job's progress in percent, for the progress bar. */
export function progressPercent(job) {
  if (job.status === "done") return 100;
  return Math.round((job.progress ?? 0) * 100);
}
