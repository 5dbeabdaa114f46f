// The same helpers on an English page with its strings (a page whose <html lang="en"> and
// <script id="ui-strings"> are all ui.js reads). Node runs each test file in a process of its
// own, so the page stands here before the modules are first imported.

import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

const STRINGS = { "queue.ahead": "{n} people ahead of you", "dash.less_than_a_minute": "less than a minute" };

globalThis.document = {
  documentElement: { lang: "en" },
  getElementById: (id) => (id === "ui-strings" ? { textContent: JSON.stringify(STRINGS) } : null),
};

let ui;
let dash;
before(async () => {
  ui = await import("../../api/static/js/lib/ui.js");
  dash = await import("../../api/static/js/lib/dashboard-format.js");
});

describe("ui.js on an English page", () => {
  it("speaks English with Western digits", () => {
    assert.equal(ui.lang, "en");
    assert.equal(ui.digits("A-042"), "A-042");
    assert.equal(ui.minutes(1), "1 minute");
    assert.equal(ui.minutes(11), "11 minutes");
    assert.equal(ui.number(12_500), "12,500");
  });

  it("fills the page's strings", () => {
    assert.equal(ui.text("queue.ahead", { n: 1200 }), "1,200 people ahead of you");
    assert.equal(ui.pick({ name_ar: "الجيزة", name_en: "Giza" }, "name"), "Giza");
  });

  it("writes bookings' days and times for the office's clock", () => {
    assert.match(ui.formatWhen("2026-12-07T07:30:00Z"), /^Monday,? 7 December 2026(,| at) 9:30$/);
    assert.equal(ui.formatTime("2026-12-07T15:45:00Z"), "17:45");
    assert.equal(ui.formatWeekday("2026-12-07"), "Monday");
    assert.equal(ui.formatDate("2026-12-07"), "7 December");
  });
});

describe("dashboard-format.js on an English page", () => {
  it("writes figures, days and durations in English", () => {
    assert.equal(dash.percent(0.734), "73%");
    assert.equal(dash.count(1500), "1,500");
    assert.equal(dash.duration(0.4), "less than a minute");
    assert.equal(dash.duration(1.2), "1 minute");
    assert.match(dash.dayLabel("2026-12-07"), /^Monday,? 7 December$/);
    assert.equal(dash.clockLabel("09:30"), "09:30");
  });
});
