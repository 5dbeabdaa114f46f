// lib/counter-rules.js: when the counter console offers "Did not come" (the server's rule,
// queue_display/no_show.py, refuses it before), and which unserved services a counter could take.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { noShowState, timesKey, unservedHere } from "../../api/static/js/lib/counter-rules.js";

const RULE = { recalls: 2, minutes: 3, max_recalls: 3 };
const CALLED_AT = "2026-12-06T10:41:00+02:00";
const at = (minutes) => Date.parse(CALLED_AT) + minutes * 60_000;
const ticket = (recalls, status = "called") => ({ status, recalls, called_at: CALLED_AT });

describe("noShowState", () => {
  it("is off the second a ticket is called, and says both what is missing and from when", () => {
    assert.deepEqual(noShowState(ticket(0), RULE, at(0)), {
      allowed: false, recallsShort: true, tooSoon: true, fromMs: at(3),
    });
  });

  it("needs the recalls even long after the call", () => {
    const state = noShowState(ticket(1), RULE, at(30));
    assert.equal(state.allowed, false);
    assert.deepEqual([state.recallsShort, state.tooSoon], [true, false]);
  });

  it("needs the minutes even after quick recalls", () => {
    const state = noShowState(ticket(2), RULE, at(2.9));
    assert.deepEqual([state.allowed, state.recallsShort, state.tooSoon], [false, false, true]);
  });

  it("is on once both hold, the very minute the wait ends", () => {
    assert.equal(noShowState(ticket(2), RULE, at(3)).allowed, true);
  });

  it("is never on for a ticket being served, or none", () => {
    assert.equal(noShowState(ticket(3, "serving"), RULE, at(60)).allowed, false);
    assert.equal(noShowState(null, RULE, at(60)).allowed, false);
  });

  it("is on at once under a rule that asks nothing", () => {
    assert.equal(noShowState(ticket(0), { recalls: 0, minutes: 0 }, at(0)).allowed, true);
  });
});

describe("timesKey", () => {
  it("says once and twice as words, then counts by the language's plural", () => {
    assert.deepEqual([1, 2, 3, 11].map((n) => timesKey(n, "ar")), [
      "counter.times.1", "counter.times.2", "counter.times.few", "counter.times.other",
    ]);
    assert.equal(timesKey(3, "en"), "counter.times.other");
  });
});

describe("unservedHere", () => {
  it("keeps the unserved services this counter serves, in the feed's order", () => {
    const unserved = { "civil-certificate": 2, "passport-renewal": 6, "passport-new": 1 };
    assert.deepEqual(unservedHere(unserved, ["passport-renewal", "passport-replacement", "civil-certificate"]), [
      ["civil-certificate", 2], ["passport-renewal", 6],
    ]);
    assert.deepEqual(unservedHere(undefined, ["passport-new"]), []);
  });
});
