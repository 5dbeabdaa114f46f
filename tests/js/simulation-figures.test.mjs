// The figures of the "simulate a day" panel, from what the simulation API answers.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  busiestQueue, changeOf, clockTimes, headline, hoursOn, nextOpenDay, openDays, queueSeries, scenariosOf,
  serviceWaits, whatIfEffect,
} from "../../api/static/js/lib/simulation-figures.js";

const waits = (p50, p90, max, people = 10) => ({
  people, mean_wait_minutes: p50, p50_wait_minutes: p50, p90_wait_minutes: p90, max_wait_minutes: max,
});
const scenario = (queue, byService) => ({
  queue_length: queue.map((mean, n) => ({ minute: n * 15, mean, ci95: null })),
  by_service: byService,
});
const RESULT = {
  opens: "08:00",
  closes: "08:30",
  mean_wait_reduction: 0.42,
  what_if_mean_wait_change: -0.25,
  scenarios: {
    planned: scenario([0, 2.5, 1], { b: waits(3, 8, 12), a: waits(1, 2, 4) }),
    walk_in_fcfs: scenario([0, 4.04, 3], { a: waits(5, 9, 20) }),
    what_if: scenario([0, 1, 0], { a: waits(1, 1, 2) }),
  },
};
const HOURS = { sun: ["08:00", "15:00"], mon: ["08:00", "15:00"], thu: ["09:00", "14:00"] };

describe("the headline", () => {
  it("says how much appointments cut the mean wait, or that they lengthen it, never a negative cut", () => {
    assert.deepEqual(headline(RESULT), { key: "cut", share: 0.42 });
    assert.deepEqual(headline({ mean_wait_reduction: -0.3 }), { key: "longer", share: 0.3 });
    assert.deepEqual(headline({ mean_wait_reduction: 0.001 }), { key: "same", share: 0 });
    assert.deepEqual(headline({ mean_wait_reduction: null }), { key: "none", share: null });
  });

  it("reads the what-if against the plan", () => {
    assert.deepEqual(whatIfEffect(RESULT), { key: "shorter", share: 0.25 });
    assert.deepEqual(whatIfEffect({ ...RESULT, what_if_mean_wait_change: 0.1 }), { key: "longer", share: 0.1 });
    assert.equal(whatIfEffect({ scenarios: { planned: {} } }), null);
  });
});

describe("the queue chart", () => {
  it("runs on the office's clock every quarter hour, one series per scenario", () => {
    const { hours, series } = queueSeries(RESULT);
    assert.deepEqual(hours, [8, 8.25, 8.5]);
    assert.deepEqual(series.map((s) => s.name), ["planned", "walk_in_fcfs", "what_if"]);
    assert.deepEqual(series[1].values, [0, 4, 3]);
  });

  it("names the busiest moment, or none when hardly anyone waits", () => {
    assert.deepEqual(busiestQueue(RESULT, "walk_in_fcfs"), { clock: "08:15", people: 4.04 });
    assert.equal(busiestQueue({ ...RESULT, scenarios: { planned: scenario([0, 0.4], {}) } }, "planned"), null);
  });
});

it("lists each service's waits in every scenario, null where nobody came for it", () => {
  const rows = serviceWaits(RESULT);
  assert.deepEqual(rows.map((row) => row.service), ["a", "b"]);
  assert.deepEqual(rows[0].waits.walk_in_fcfs, { people: 10, p50: 5, p90: 9, max: 20 });
  assert.equal(rows[1].waits.what_if, null);
  assert.deepEqual(scenariosOf({ scenarios: { walk_in_fcfs: {}, planned: {} } }), ["planned", "walk_in_fcfs"]);
});

describe("the day and the hours a manager picks", () => {
  it("offers the days the office opens and starts on the next one after today", () => {
    // 2026-12-06 is a Sunday: Monday next, then Thursday.
    assert.deepEqual(openDays(HOURS, "2026-12-06", "2026-12-11"), ["2026-12-06", "2026-12-07", "2026-12-10"]);
    assert.equal(nextOpenDay(HOURS, "2026-12-06", "2026-12-31"), "2026-12-07");
    assert.equal(nextOpenDay(HOURS, "2026-12-07", "2026-12-31"), "2026-12-10");
    assert.equal(nextOpenDay({}, "2026-12-07", "2026-12-31"), null);
    assert.deepEqual(hoursOn(HOURS, "2026-12-10"), ["09:00", "14:00"]);
  });

  it("offers clock times every half hour from opening to closing", () => {
    assert.deepEqual(clockTimes(["09:00", "10:30"]), ["09:00", "09:30", "10:00", "10:30"]);
  });

  it("sends each what-if row with only what its kind uses", () => {
    assert.deepEqual(changeOf({ kind: "add_counter", from: "09:00", to: "11:00", counter: "3" }),
      { kind: "add_counter", from: "09:00", to: "11:00" });
    assert.deepEqual(changeOf({ kind: "remove_counter", from: "09:00", to: "11:00", counter: "" }),
      { kind: "remove_counter", from: "09:00", to: "11:00" });
    assert.deepEqual(changeOf({ kind: "close_counter", from: "09:00", to: "11:00", counter: "3" }),
      { kind: "close_counter", counter: "3" });
  });
});
