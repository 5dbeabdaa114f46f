// The dashboard's alert: people waiting for a service that no open counter serves.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { unservedQueues } from "../../api/static/js/lib/queue-alerts.js";

describe("queues nobody serves", () => {
  it("are the services with people waiting and no open counter (a null estimate)", () => {
    const waiting = { "passport-renewal": 6, "passport-new": 3, "criminal-record-certificate": 0 };
    const estimates = { "passport-renewal": null, "passport-new": 12, "criminal-record-certificate": null };
    assert.deepEqual(unservedQueues(waiting, estimates), [{ service: "passport-renewal", waiting: 6 }]);
  });

  it("leave out an empty queue, and a service whose estimate is not known yet", () => {
    assert.deepEqual(unservedQueues({ a: 0, b: 2 }, { a: null }), []);
    assert.deepEqual(unservedQueues({}, {}), []);
    assert.deepEqual(unservedQueues(), []);
  });

  it("put the longest queue first", () => {
    const found = unservedQueues({ a: 2, b: 5, c: 2 }, { a: null, b: null, c: null });
    assert.deepEqual(found.map((q) => q.service), ["b", "a", "c"]);
  });

  it("clear once a counter serves the service again", () => {
    assert.deepEqual(unservedQueues({ a: 4 }, { a: 20 }), []);
    assert.deepEqual(unservedQueues({ a: 4 }, { a: 0 }), []); // served at once: an estimate of 0
  });

  it("take the server's own answer when the feed carries it, whatever the estimates say", () => {
    const waiting = { a: 4, b: 3 };
    assert.deepEqual(unservedQueues(waiting, { a: 10, b: null }, { a: 4 }), [{ service: "a", waiting: 4 }]);
    assert.deepEqual(unservedQueues(waiting, { a: null, b: null }, {}), []);
    assert.deepEqual(unservedQueues(waiting, { b: null }, undefined), [{ service: "b", waiting: 3 }]);
  });
});
