// The staffing advice of a simulated day, as the panel draws and tables it.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { provenanceParts } from "../../api/static/js/lib/simulation-inputs.js";
import {
  adviceHours, busiestNeed, groupRows, staffingSeries, staffingSummary,
} from "../../api/static/js/lib/simulation-staffing.js";

const hour = (group, starts, needed, planned, status) => ({
  group, starts, people: 1, offered_load: 0.5, needed, planned, status, promised: 0.9,
});
const A = ["a"];
const BC = ["b", "c"];
const STAFFING = {
  target: 0.8,
  within_minutes: 15,
  // Out of order on purpose: the table and the chart put the hours in clock order.
  hours: [
    hour(BC, "09:00", 3, 2, "short"), hour(A, "09:00", 1, 1, "ok"),
    hour(A, "08:00", 1, 3, "idle"), hour(BC, "08:00", 2, 2.5, "ok"),
    hour(A, "10:00", 2, 1, "short"), hour(BC, "10:00", 0, 2, "idle"),
  ],
};
const WHAT_IF = { target: 0.8, within_minutes: 15, hours: [hour(["a", "b", "c"], "08:00", 3, 6, "idle"),
  hour(["a", "b", "c"], "09:00", 4, 4, "ok"), hour(["a", "b", "c"], "10:00", 2, 3, "ok")] };

describe("the staffing chart", () => {
  it("steps through the day's hours to closing, needed and planned summed over the groups", () => {
    const { hours, series } = staffingSeries({ closes: "10:30", staffing: STAFFING, what_if_staffing: null });
    assert.deepEqual(hours, [8, 9, 10, 10.5]);
    assert.deepEqual(series.map((s) => s.name), ["needed", "planned"]);
    assert.deepEqual(series[0].values, [3, 4, 2, 2]);
    assert.deepEqual(series[1].values, [5.5, 3, 3, 3]);
  });

  it("adds the counters the what-if plans as a third series", () => {
    const { series } = staffingSeries({ closes: "11:00", staffing: STAFFING, what_if_staffing: WHAT_IF });
    assert.deepEqual(series.map((s) => s.name), ["needed", "planned", "what_if"]);
    assert.deepEqual(series[2].values, [6, 4, 3, 3]);
  });

  it("draws nothing for a job without advice", () => {
    assert.deepEqual(staffingSeries({ closes: "15:00", staffing: null }), { hours: [], series: [] });
  });

  it("names the hour needing the most counters", () => {
    assert.deepEqual(busiestNeed(STAFFING), { clock: "09:00", needed: 4, planned: 3 });
    assert.equal(busiestNeed({ hours: [hour(A, "08:00", 0, 1, "ok")] }), null);
  });
});

describe("the staffing table", () => {
  it("has a row per service group with its hours in clock order", () => {
    const rows = groupRows(STAFFING);
    assert.deepEqual(rows.map((row) => row.group), [BC, A]);
    assert.deepEqual(rows[1].hours.map((h) => [h.starts, h.needed, h.planned, h.status]),
      [["08:00", 1, 3, "idle"], ["09:00", 1, 1, "ok"], ["10:00", 2, 1, "short"]]);
    assert.deepEqual(adviceHours(STAFFING), ["08:00", "09:00", "10:00"]);
  });

  it("counts the hours short of counters and those with counters to spare, an hour in both when groups differ", () => {
    assert.deepEqual(staffingSummary(STAFFING), { key: "both", short: 2, idle: 2 });
    assert.deepEqual(staffingSummary(WHAT_IF), { key: "idle", short: 0, idle: 1 });
    assert.deepEqual(staffingSummary({ hours: [hour(A, "08:00", 2, 1, "short")] }), { key: "short", short: 1, idle: 0 });
    assert.deepEqual(staffingSummary({ hours: [hour(A, "08:00", 1, 1, "ok")] }), { key: "none", short: 0, idle: 0 });
  });
});

describe("where the figures came from", () => {
  const INPUTS = {
    description: "from 6 weeks of history (30 open days, 10067 tickets)",
    history: { weeks: 6, days: 30, tickets: 10067 },
    bookings: 120, expected_bookings: 0, no_show_share: 0.12, early_minutes: 9.6,
    walk_ins: { source: "history_weekday", per_day: 41.4, profile: [] },
  };

  it("says the bookings, the history in its parts, the no-shows, how early people come and the walk-ins", () => {
    assert.deepEqual(provenanceParts(INPUTS), [
      { key: "bookings", counts: { n: 120 } },
      { key: "history", counts: { weeks: 6, days: 30, tickets: 10067 } },
      { key: "no_show", counts: { share: 0.12 } },
      { key: "early", counts: { minutes: 10 } },
      { key: "walk_ins.history_weekday", counts: { n: 41 } },
    ]);
  });

  it("adds the bookings the forecast still expects, and says priors without history", () => {
    const parts = provenanceParts({ ...INPUTS, expected_bookings: 30, history: { weeks: 0, days: 0, tickets: 0 },
      early_minutes: -3.2 });
    assert.deepEqual(parts[0], { key: "bookings_expected", counts: { n: 120, expected: 30 } });
    assert.deepEqual(parts[1], { key: "priors", counts: {} });
    assert.deepEqual(parts[3], { key: "late", counts: { minutes: 3 } });
    assert.equal(provenanceParts({ ...INPUTS, early_minutes: 0.2 })[3].key, "on_time");
    assert.deepEqual(provenanceParts(null), []);
  });
});
