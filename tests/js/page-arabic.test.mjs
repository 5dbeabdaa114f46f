// lib/ui.js and lib/dashboard-format.js import without a page (nothing touches the DOM until it
// is called) and, with no <html lang="en">, speak Arabic: the default of every page.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { NOTHING, clockLabel, count, dayLabel, duration, percent, slotLabel } from "../../api/static/js/lib/dashboard-format.js";
import { digits, lang, minutes, number, text, ticketNumber } from "../../api/static/js/lib/ui.js";

const WESTERN = /[0-9]/;

describe("ui.js without a page", () => {
  it("speaks Arabic", () => {
    assert.equal(lang, "ar");
    assert.equal(digits("A-042"), "A-٠٤٢");
    assert.equal(minutes(2), "دقيقتان");
    assert.equal(minutes(2, "en"), "2 minutes");
    assert.equal(number(12_500), "١٢٬٥٠٠");
  });

  it("isolates a ticket number so an Arabic sentence does not reorder it", () => {
    assert.equal(ticketNumber("P-017"), "\u2068P-٠١٧\u2069");
  });

  it("answers a string it does not have with its key, numbers filled in the reader's digits", () => {
    assert.equal(text("queue.ahead {n}", { n: 12 }), "queue.ahead ١٢");
  });
});

describe("dashboard-format.js on an Arabic page", () => {
  it("writes '—' where the server has no figure yet, never a 0", () => {
    assert.equal(count(null), NOTHING);
    assert.equal(count(undefined), NOTHING);
    assert.equal(percent(null), NOTHING);
    assert.equal(duration(null), NOTHING);
    assert.equal(count(0), "٠");
  });

  it("rounds a duration to whole minutes with the Arabic plural", () => {
    assert.equal(duration(2.4), "دقيقتان");
    assert.equal(duration(10.6), "١١ دقيقة");
    assert.equal(duration(0.5), "dash.less_than_a_minute"); // the page's string, by its key here
  });

  it("writes days, slots, clock times and shares in Arabic-Indic digits", () => {
    for (const label of [dayLabel("2026-12-07"), slotLabel("2026-12-07T07:30:00Z"), clockLabel("09:30"), percent(0.5)]) {
      assert.doesNotMatch(label, WESTERN, label);
    }
    assert.ok(dayLabel("2026-12-07").includes("الاثنين"));
    assert.ok(slotLabel("2026-12-07T07:30:00Z").includes("٩:٣٠"));
    assert.equal(clockLabel("09:30"), "٠٩:٣٠");
  });
});
