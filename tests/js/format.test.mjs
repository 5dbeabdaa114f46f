// lib/format.js: numbers, plurals, days and times as a reader of Arabic or English reads them.
// Exact punctuation differs between ICU versions (Node 18's and 20's), so dates are checked by
// their parts; digits and plurals are ours and checked exactly.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  addDays, calendarDate, clockTime, daysBetween, digits, minutes, number, officeTime, percent, plural,
  pluralCategory, westernDigits,
} from "../../api/static/js/lib/format.js";

const WESTERN = /[0-9]/;
// Egypt went back to summer time in 2023 (tz 2023c); Debian 12's Node 18 carries ICU 72's 2022e.
const OLD_TZ_DATA = (process.versions.tz ?? "") < "2023c"
  ? `this Node's time-zone data (${process.versions.tz}) predates Egypt's summer time of 2023` : false;

describe("digits", () => {
  it("writes Western digits as Arabic-Indic ones for an Arabic reader, leaving letters alone", () => {
    assert.equal(digits("P-017", "ar"), "P-٠١٧");
    assert.equal(digits(2026, "ar"), "٢٠٢٦");
    assert.equal(digits("P-017", "en"), "P-017");
  });

  it("reads back what an Arabic or Persian keyboard types, dropping spaces, dashes and marks", () => {
    assert.equal(westernDigits("٠١٢ ٣٤-٥٦"), "0123456");
    assert.equal(westernDigits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
    assert.equal(westernDigits("\u200f٢٩٨٠١٠١\u200e"), "2980101");
  });

  it("round-trips every number from 0 to 10 000", () => {
    for (let n = 0; n <= 10_000; n += 1) {
      const arabic = digits(n, "ar");
      assert.doesNotMatch(arabic, WESTERN);
      assert.equal(westernDigits(arabic), String(n));
    }
  });

  it("groups numbers as the reader does", () => {
    assert.equal(number(1234, "ar"), "١٬٢٣٤");
    assert.equal(number(1234.5, "ar", 1), "١٬٢٣٤٫٥");
    assert.equal(number(1234, "en"), "1,234");
    assert.equal(number(2.75, "en"), "3");
  });

  it("writes a share as a percentage in the reader's digits", () => {
    const arabic = percent(0.734, "ar");
    assert.match(arabic, /٧٣/);
    assert.match(arabic, /٪/);
    assert.doesNotMatch(arabic, WESTERN);
    assert.equal(percent(0.734, "en"), "73%");
  });
});

describe("plurals (CLDR rules through Intl.PluralRules)", () => {
  const COUNTS = [0, 1, 2, 3, 11, 100];

  it("gives Arabic its six categories", () => {
    assert.deepEqual(COUNTS.map((n) => pluralCategory(n, "ar")), ["zero", "one", "two", "few", "many", "other"]);
    assert.equal(pluralCategory(103, "ar"), "few"); // 3–10 after the hundreds
    assert.equal(pluralCategory(111, "ar"), "many");
  });

  it("gives English one and other", () => {
    assert.deepEqual(COUNTS.map((n) => pluralCategory(n, "en")), ["other", "one", "other", "other", "other", "other"]);
  });

  it("says minutes as an Arabic reader expects", () => {
    assert.deepEqual(COUNTS.map((n) => minutes(n, "ar")), [
      "٠ دقيقة", "دقيقة واحدة", "دقيقتان", "٣ دقائق", "١١ دقيقة", "١٠٠ دقيقة",
    ]);
    assert.equal(minutes(10, "ar"), "١٠ دقائق");
    assert.equal(minutes(103, "ar"), "١٠٣ دقائق");
    assert.equal(minutes(20, "ar"), "٢٠ دقيقة");
  });

  it("says minutes in English", () => {
    assert.deepEqual(COUNTS.map((n) => minutes(n, "en")), [
      "0 minutes", "1 minute", "2 minutes", "3 minutes", "11 minutes", "100 minutes",
    ]);
  });

  it("falls back to the other form when a category has none of its own", () => {
    const forms = { one: "{n} ticket", other: "{n} tickets" };
    assert.equal(plural(0, forms, "ar"), "٠ tickets");
    assert.equal(plural(1, forms, "en"), "1 ticket");
  });
});

describe("days and times", () => {
  it("names a calendar day in Arabic with Arabic-Indic digits", () => {
    const day = calendarDate("2026-12-07", { weekday: "long", day: "numeric", month: "long", year: "numeric" }, "ar");
    for (const part of ["الاثنين", "٧", "ديسمبر", "٢٠٢٦"]) assert.ok(day.includes(part), day);
    assert.doesNotMatch(day, WESTERN);
  });

  it("names a calendar day in English", () => {
    const day = calendarDate("2026-12-07", { weekday: "long", day: "numeric", month: "long" }, "en");
    assert.match(day, /^Monday,? 7 December$/);
  });

  it("never shifts a calendar day by the machine's own time zone", () => {
    const before = process.env.TZ;
    try {
      for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles", "Africa/Cairo"]) {
        process.env.TZ = zone;
        assert.equal(calendarDate("2026-12-07", { day: "numeric" }, "en"), "7", zone);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("tells an instant's time on the office's clock", () => {
    assert.equal(officeTime("2026-12-07T07:30:00Z", { hour: "numeric", minute: "2-digit" }, "en"), "9:30");
    assert.equal(officeTime(new Date("2026-12-07T14:05:00Z"), { hour: "2-digit", minute: "2-digit" }, "en"), "16:05");
    const arabic = officeTime("2026-12-07T07:30:00Z", { hour: "numeric", minute: "2-digit" }, "ar");
    assert.match(arabic, /^٩:٣٠/);
    assert.match(arabic, /ص/); // before noon
  });

  it("writes a time of day from the settings as the reader reads it, whatever the season", () => {
    assert.equal(clockTime("02:00", "en"), "2:00");
    assert.equal(clockTime("14:30", "en"), "14:30");
    assert.match(clockTime("02:00", "ar"), /^٢:٠٠/);
    assert.match(clockTime("14:30", "ar"), /^٢:٣٠/);
    assert.match(clockTime("14:30", "ar"), /م/); // after noon
  });

  it("keeps Egypt's summer time (since 2023) on the office's clock", { skip: OLD_TZ_DATA }, () => {
    assert.equal(officeTime("2026-07-01T07:30:00Z", { hour: "numeric", minute: "2-digit" }, "en"), "10:30");
  });

  it("counts days across months, leap days and years", () => {
    assert.equal(addDays("2028-02-28", 1), "2028-02-29");
    assert.equal(addDays("2026-12-31", 1), "2027-01-01");
    assert.equal(addDays("2026-03-01", -1), "2026-02-28");
    assert.deepEqual(daysBetween("2028-02-27", "2028-03-01"), ["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
    assert.deepEqual(daysBetween("2026-12-07", "2026-12-07"), ["2026-12-07"]);
    assert.deepEqual(daysBetween("2026-12-08", "2026-12-07"), []);
  });

  it("lists as many days as addDays counts, for any span up to a year", () => {
    for (let span = 0; span <= 366; span += 1) {
      const days = daysBetween("2026-01-01", addDays("2026-01-01", span));
      assert.equal(days.length, span + 1);
      assert.equal(new Set(days).size, days.length);
    }
  });
});
