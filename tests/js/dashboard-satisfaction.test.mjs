// The satisfaction panel's range: whole ISO weeks, from the Monday (weeks - 1) weeks before the
// one holding today, as the server's default does (feedback.summary.last_weeks).

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { firstDay } from "../../api/static/js/lib/dashboard-satisfaction.js";

describe("the satisfaction panel's first day", () => {
  it("is the Monday of this week for one week", () => {
    assert.equal(firstDay("2026-12-06", 1), "2026-11-30"); // a Sunday: its ISO week began on Monday
    assert.equal(firstDay("2026-11-30", 1), "2026-11-30");
  });

  it("goes back whole weeks, across a year's end", () => {
    assert.equal(firstDay("2026-12-06", 8), "2026-10-12");
    assert.equal(firstDay("2027-01-05", 2), "2026-12-28");
  });
});
