// lib/chain-visits.js: what the counter console and the kiosk ticket say of a booking's services
// after the one at hand (a chain goes from service to service under one number).

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { afterThis, servicesAfter, tripFromHere } from "../../api/static/js/lib/chain-visits.js";

const visit = (service, en, ar, start) => ({ service, service_name_en: en, service_name_ar: ar, slot_start: start });
const CERTIFICATE = visit("criminal-record-certificate", "Criminal record certificate", "صحيفة الحالة الجنائية", "2026-12-06T10:00:00+02:00");
const CIVIL = visit("civil-certificate", "Civil certificate", "شهادة مدنية", "2026-12-06T10:30:00+02:00");
const ticket = (...later) => ({
  service: "passport-renewal",
  service_name_en: "Passport renewal",
  service_name_ar: "تجديد جواز السفر",
  slot_start: "2026-12-06T09:30:00+02:00",
  next_visits: later,
});
const FORMS = {
  ar: {
    one: "يتبقى لهذه التذكرة خدمة أخرى بعد هذه: {services}",
    two: "يتبقى لهذه التذكرة خدمتان بعد هذه: {services}",
    few: "يتبقى لهذه التذكرة {n} خدمات بعد هذه: {services}",
    other: "يتبقى لهذه التذكرة {n} خدمة بعد هذه: {services}",
  },
  en: { one: "1 more service after this: {services}", other: "{n} more services after this: {services}" },
};
const THEN = { ar: "، ثم ", en: ", then " };

describe("afterThis", () => {
  it("says nothing for a ticket of one service", () => {
    assert.equal(afterThis(ticket(), FORMS.en, THEN.en, "en"), "");
    assert.equal(afterThis({ service: "x" }, FORMS.ar, THEN.ar, "ar"), "");
  });

  it("names the services still to come in the order served, in both languages", () => {
    const two = ticket(CERTIFICATE, CIVIL);
    assert.equal(afterThis(two, FORMS.en, THEN.en, "en"), "2 more services after this: Criminal record certificate, then Civil certificate");
    assert.equal(afterThis(two, FORMS.ar, THEN.ar, "ar"), "يتبقى لهذه التذكرة خدمتان بعد هذه: صحيفة الحالة الجنائية، ثم شهادة مدنية");
    assert.equal(afterThis(ticket(CERTIFICATE), FORMS.ar, THEN.ar, "ar"), "يتبقى لهذه التذكرة خدمة أخرى بعد هذه: صحيفة الحالة الجنائية");
  });

  it("writes a count past two in the reader's digits", () => {
    const three = ticket(CERTIFICATE, CIVIL, visit("x", "X", "س", null));
    assert.match(afterThis(three, FORMS.ar, THEN.ar, "ar"), /^يتبقى لهذه التذكرة ٣ خدمات/);
  });
});

describe("tripFromHere", () => {
  it("lists this service first, then the later ones with their slots", () => {
    assert.deepEqual(tripFromHere(ticket(CERTIFICATE), "en").map((v) => [v.name, v.start]), [
      ["Passport renewal", "2026-12-06T09:30:00+02:00"],
      ["Criminal record certificate", "2026-12-06T10:00:00+02:00"],
    ]);
    assert.deepEqual(servicesAfter(ticket(CERTIFICATE), "ar").map((v) => v.name), ["صحيفة الحالة الجنائية"]);
  });
});
