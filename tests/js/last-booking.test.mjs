// lib/last-booking.js: the code survives a reload, identity never kept, forgotten after the visit.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { forget, recall, remember } from "../../api/static/js/lib/last-booking.js";

class MemoryStorage {
  constructor() { this.items = new Map(); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) { this.items.set(key, String(value)); }
  removeItem(key) { this.items.delete(key); }
}

const BOOKING = {
  code: "K7M2Q9XA", service: "passport-renewal", office_id: "giza-passports",
  start: "2026-12-07T09:00:00+02:00", end: "2026-12-07T09:15:00+02:00",
  full_name: "كريم محمود", phone: "010•••••678", identity_last4: "1234", identity_type: "national_id",
};
const BEFORE = new Date("2026-12-06T10:00:00+02:00");

describe("the last booking on this device", () => {
  it("is recalled with its code, service, office and time", () => {
    const storage = new MemoryStorage();
    remember(BOOKING, storage);
    assert.deepEqual(recall(BEFORE, storage), {
      code: "K7M2Q9XA", service: "passport-renewal", office_id: "giza-passports",
      start: BOOKING.start, end: BOOKING.end,
    });
  });

  it("never keeps the name, the mobile or any part of the identity", () => {
    const storage = new MemoryStorage();
    remember({ ...BOOKING, identity_number: "29001011234567" }, storage);
    const raw = [...storage.items.values()].join(" ");
    for (const secret of ["كريم", "678", "1234", "2900101", "national_id"]) assert.ok(!raw.includes(secret), secret);
  });

  it("is forgotten once its visit has ended", () => {
    const storage = new MemoryStorage();
    remember(BOOKING, storage);
    assert.equal(recall(new Date("2026-12-07T09:15:00+02:00"), storage), null);
    assert.equal(storage.items.size, 0);
  });

  it("is forgotten by its own code only", () => {
    const storage = new MemoryStorage();
    remember(BOOKING, storage);
    forget("AAAAAAAA", storage);
    assert.ok(recall(BEFORE, storage));
    forget("K7M2Q9XA", storage);
    assert.equal(recall(BEFORE, storage), null);
  });

  it("ignores what it cannot read, and a browser without storage", () => {
    const storage = new MemoryStorage();
    storage.setItem("mawid.last-booking", "{not json");
    assert.equal(recall(BEFORE, storage), null);
    storage.setItem("mawid.last-booking", JSON.stringify({ code: "<img src=x>", end: "2030-01-01" }));
    assert.equal(recall(BEFORE, storage), null);
    remember(BOOKING, null);
    assert.equal(recall(BEFORE, null), null);
  });
});
