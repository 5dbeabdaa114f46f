// lib/display-board.js: the words of a service's expected wait on the hall display, and how a
// table's rows fall into pages that each fit the screen.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { paginate, waitWords } from "../../api/static/js/lib/display-board.js";

const WORDS = {
  "display.no_counter_open": { ar: "لا يوجد شباك مفتوح", en: "No counter open" },
  "display.no_wait": { ar: "بلا انتظار", en: "No wait" },
  "display.unknown_wait": { ar: "—", en: "—" },
  "display.about": { ar: "≈ {minutes}", en: "≈ {n} min" },
};

describe("waitWords", () => {
  it("says in words that no counter is open, never a dash, whatever the count", () => {
    assert.deepEqual(waitWords(6, null, false, WORDS), { ar: "لا يوجد شباك مفتوح", en: "No counter open", state: "closed" });
    assert.equal(waitWords(0, undefined, false, WORDS).state, "closed");
  });

  it("says no wait when nobody waits at a service a counter serves", () => {
    assert.equal(waitWords(0, undefined, true, WORDS).en, "No wait");
    assert.equal(waitWords(3, 0, true, WORDS).ar, "بلا انتظار");
  });

  it("gives the minutes in each language's own digits, one language a line", () => {
    const wait = waitWords(4, 40, true, WORDS);
    assert.deepEqual(wait, { ar: "≈ ٤٠ دقيقة", en: "≈ 40 min", state: "about" });
    assert.doesNotMatch(wait.ar, /[0-9]/);
    assert.doesNotMatch(wait.en, /[٠-٩]/);
    assert.equal(waitWords(1, 3, true, WORDS).ar, "≈ ٣ دقائق");
  });

  it("keeps the dash only for a figure not known yet", () => {
    assert.equal(waitWords(2, null, true, WORDS).state, "unknown");
  });
});

describe("paginate", () => {
  it("keeps every row on one page when they fit", () => {
    assert.deepEqual(paginate([100, 100, 100, 100, 100], 500), [[0, 5]]);
  });

  it("starts a new page at the first row that would be cut off", () => {
    assert.deepEqual(paginate([160, 120, 200, 120, 240], 550), [[0, 3], [3, 5]]);
  });

  it("gives a row taller than the space a page of its own", () => {
    assert.deepEqual(paginate([100, 700, 100], 500), [[0, 1], [1, 2], [2, 3]]);
  });

  it("has no pages for no rows", () => {
    assert.deepEqual(paginate([], 500), []);
  });
});
