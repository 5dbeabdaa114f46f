// What the kiosk's ticket says of its wait (lib/kiosk-ticket.js waitLines), without a page: the
// strings are then their keys, so what is checked is which line a ticket prints and which it
// leaves off, and the numbers in the reader's digits.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { printOfReprint, waitLines } from "../../api/static/js/lib/kiosk-ticket.js";

describe("a ticket's wait", () => {
  it("is an early appointment's time, with no count of the people waiting now", () => {
    const lines = waitLines({ basis: "appointment", minutes: 145, ahead: null, turn_at: "2026-12-06T11:00:00+02:00" });
    assert.equal(lines.turn, "ticket.at_your_time");
    assert.equal(lines.ahead, null);
    assert.equal(lines.wait, null);
    assert.equal(lines.note, "");
  });

  it("is the queue's figure and count when a counter serves the service", () => {
    assert.deepEqual(waitLines({ basis: "queue", minutes: 24, ahead: 3 }), {
      turn: null, ahead: "٣", wait: "ticket.about", note: "",
    });
    assert.equal(waitLines({ basis: "queue", minutes: 0, ahead: 0 }).wait, "ticket.no_wait");
  });

  it("says why there is no figure: no counter open, or the office not open yet", () => {
    const closed = waitLines({ basis: "no_counter", minutes: null, ahead: 0 });
    assert.deepEqual(closed, { turn: null, ahead: "٠", wait: "ticket.wait_unknown", note: "ticket.why_no_counter" });
    const early = waitLines({ basis: "before_opening", minutes: null, ahead: 2, opens_at: "2026-12-06T08:00:00+02:00" });
    assert.equal(early.note, "ticket.why_before_opening");
  });
});

describe("a reprinted ticket", () => {
  it("names nobody, whatever the answer held", () => {
    const print = printOfReprint({ number: "P-017", booking_code: "7KQ2ABCD", priority: "disability", wait: {} });
    assert.equal(print.booking_code, null);
    assert.equal(print.priority, "none");
    assert.equal(print.reprinted, true);
  });
});
