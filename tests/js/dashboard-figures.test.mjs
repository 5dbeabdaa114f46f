// The figures behind the dashboard's charts and plain sentences.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  busiestHall, busiestLoadHour, dayHighlights, loadSeries, openDays,
} from "../../api/static/js/lib/dashboard-figures.js";

const hour = (h, booked, capacity) => ({ hour: h, booked, capacity });
const LOADS = [
  { office_id: "a", days: [
    { date: "2026-12-07", capacity: 40, booked: 12, hours: [hour("09:00", 10, 20), hour("10:00", 2, 20)] },
    { date: "2026-12-08", capacity: 0, booked: 0, hours: [] },
  ] },
  { office_id: "b", days: [
    { date: "2026-12-07", capacity: 20, booked: 9, hours: [hour("10:00", 9, 10), hour("11:00", 0, 10)] },
    { date: "2026-12-08", capacity: 0, booked: 0, hours: [] },
  ] },
];

describe("the load chart", () => {
  it("has every hour any office opens, and each office's fullness in percent (null where closed)", () => {
    assert.deepEqual(loadSeries(LOADS, "2026-12-07"), {
      hours: [9, 10, 11],
      series: [[50, 10, null], [null, 90, 0]],
    });
    assert.deepEqual(loadSeries(LOADS, "2026-12-08"), { hours: [], series: [[], []] });
  });

  it("names the fullest hour of the day, or none when nothing is booked", () => {
    assert.deepEqual(busiestLoadHour(LOADS, "2026-12-07"), { index: 1, hour: "10:00", booked: 9, capacity: 10 });
    assert.equal(busiestLoadHour(LOADS, "2026-12-08"), null);
  });

  it("offers only the days some office is open", () => {
    assert.deepEqual(openDays(LOADS), ["2026-12-07"]);
    assert.deepEqual(openDays([]), []);
  });
});

describe("the day hour by hour", () => {
  it("finds the hour that served most and the arrivals who waited longest", () => {
    const hours = [
      { hour: "08:00", arrived: 5, served: 2, no_show: 0, average_wait_minutes: 12.5 },
      { hour: "09:00", arrived: 3, served: 4, no_show: 1, average_wait_minutes: 30 },
      { hour: "10:00", arrived: 1, served: 4, no_show: 0, average_wait_minutes: null },
    ];
    assert.deepEqual(dayHighlights(hours), {
      mostServed: { hour: "09:00", served: 4 },
      longestWait: { hour: "09:00", minutes: 30 },
      served: 10,
    });
    assert.deepEqual(dayHighlights([]), { mostServed: null, longestWait: null, served: 0 });
  });
});

describe("an optimiser preview's busiest hall", () => {
  it("is the fullest office hour before and after, of every office", () => {
    const at = (date, h, booked, capacity) => ({ date, hour: h, booked, capacity, utilisation: booked / capacity });
    const busiest = [
      { office_id: "a", before: at("2026-12-14", "09:00", 4, 20), after: at("2026-12-14", "10:00", 15, 20) },
      { office_id: "b", before: at("2026-12-14", "11:00", 9, 10), after: at("2026-12-14", "11:00", 9, 10) },
      { office_id: "c", before: null, after: null },
    ];
    const { before, after } = busiestHall(busiest);
    assert.equal(before.office_id, "b");
    assert.deepEqual([after.office_id, after.hour], ["b", "11:00"]);
    assert.deepEqual(busiestHall([]), { before: null, after: null });
  });
});
