// lib/chain.js: the rules of one trip for several services that the booking page and /my-booking
// share, without a page (Arabic, the default, with Arabic-Indic digits).

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  availabilityQuery, bookAgainHref, chainEligibility, chainOrder, eligibleTogether, mergeDocuments, missingAt,
  officesOfferingAll, servicesAsked, visitLines,
} from "../../api/static/js/lib/chain.js";

// Places in the server's chain_order: certificates first, then the catalogue's order.
const RANK = { "criminal-record-certificate": 0, "civil-certificate": 1, "passport-new": 2, "passport-renewal": 3 };

describe("a chain's order", () => {
  it("is the server's, whatever order the services were added in", () => {
    assert.deepEqual(chainOrder(["passport-renewal", "criminal-record-certificate"], RANK),
      ["criminal-record-certificate", "passport-renewal"]);
    assert.deepEqual(chainOrder(["passport-renewal", "civil-certificate", "passport-new"], RANK),
      ["civil-certificate", "passport-new", "passport-renewal"]);
  });

  it("leaves one service alone", () => {
    assert.deepEqual(chainOrder(["passport-new"], RANK), ["passport-new"]);
  });
});

describe("a chain's papers", () => {
  it("are one list, each paper once, in the order first asked for", () => {
    const merged = mergeDocuments([["بطاقة الرقم القومي", "صورة شخصية"], ["بطاقة الرقم القومي", "الجواز القديم"]]);
    assert.deepEqual(merged, ["بطاقة الرقم القومي", "صورة شخصية", "الجواز القديم"]);
  });
});

describe("the offices of a chain", () => {
  const passports = { id: "giza-passports", services: ["passport-renewal", "criminal-record-certificate"] };
  const traffic = { id: "giza-traffic", services: ["driving-licence-renewal", "criminal-record-certificate"] };

  it("are those that offer every service", () => {
    assert.deepEqual(officesOfferingAll([passports, traffic], ["criminal-record-certificate"]), [passports, traffic]);
    assert.deepEqual(officesOfferingAll([passports, traffic], ["criminal-record-certificate", "passport-renewal"]), [passports]);
    assert.deepEqual(officesOfferingAll([passports, traffic], ["passport-renewal", "driving-licence-renewal"]), []);
  });

  it("names what an office lacks", () => {
    assert.equal(missingAt(passports, ["passport-renewal", "driving-licence-renewal"]), "driving-licence-renewal");
    assert.equal(missingAt(passports, ["passport-renewal"]), null);
  });
});

describe("who books a chain", () => {
  it("does not mix Egyptians' and foreign nationals' services; one for everyone goes with either", () => {
    assert.equal(eligibleTogether(["citizen"], "foreigner"), false);
    assert.equal(eligibleTogether(["foreigner", "any"], "citizen"), false);
    assert.equal(eligibleTogether(["citizen", "any"], "citizen"), true);
    assert.equal(eligibleTogether(["foreigner"], "any"), true);
    assert.equal(eligibleTogether(["any"], "foreigner"), true);
  });

  it("is a foreign national (with a passport) when any service is theirs", () => {
    assert.equal(chainEligibility(["any", "foreigner"]), "foreigner");
    assert.equal(chainEligibility(["any", "citizen"]), "citizen");
    assert.equal(chainEligibility(["any"]), "any");
  });
});

describe("what a booking or a flexible request is for", () => {
  it("is one service as before", () => {
    assert.deepEqual(servicesAsked(["passport-new"]), { service: "passport-new" });
  });

  it("is a trip's services, in the order given (the order served), as services", () => {
    const trip = ["criminal-record-certificate", "passport-new", "passport-renewal"];
    const asked = servicesAsked(trip);
    assert.deepEqual(asked, { services: trip });
    assert.equal("service" in asked, false); // both at once is refused (service_or_services)
    asked.services.pop();
    assert.equal(trip.length, 3); // a copy: the page's own list stays as it was
  });
});

describe("addresses of a chain", () => {
  it("ask availability with the service repeated", () => {
    assert.equal(availabilityQuery(["civil-certificate", "passport-new"]).toString(),
      "service=civil-certificate&service=passport-new");
    assert.equal(availabilityQuery(["passport-new"]).toString(), "service=passport-new");
  });

  it("book again with the first service and the others in also", () => {
    assert.equal(bookAgainHref(["civil-certificate", "passport-new", "passport-renewal"]),
      "/?service=civil-certificate&also=passport-new%2Cpassport-renewal");
    assert.equal(bookAgainHref(["passport-new"]), "/?service=passport-new");
  });
});

describe("a chain's visits", () => {
  it("are named and timed at the office, in Arabic-Indic digits", () => {
    const [first, second] = visitLines([
      { service: "criminal-record-certificate", start: "2026-12-07T09:00:00+02:00", end: "2026-12-07T09:15:00+02:00" },
      { service: "unknown-service", start: "2026-12-07T09:15:00+02:00", end: "2026-12-07T09:30:00+02:00" },
    ], { "criminal-record-certificate": "صحيفة الحالة الجنائية" });
    assert.equal(first.name, "صحيفة الحالة الجنائية");
    assert.match(first.from, /^٩:٠٠/);
    assert.match(first.to, /^٩:١٥/);
    assert.equal(second.name, "unknown-service"); // a name the page lacks: its code, not nothing
  });
});
