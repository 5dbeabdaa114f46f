// lib/code-box.js: the countdowns of a held time and of the next code, and the code as typed on
// an Arabic or a Latin keyboard.

import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { clockText, secondsUntil, typedCode } from "../../api/static/js/lib/code-box.js";

describe("secondsUntil", () => {
  const now = Date.parse("2026-12-06T10:00:00Z");
  it("counts whole seconds up, so a hold never shows 0:00 while it still lives", () => {
    assert.equal(secondsUntil("2026-12-06T10:09:59.200Z", now), 600);
    assert.equal(secondsUntil("2026-12-06T10:00:00.001Z", now), 1);
  });
  it("is 0 once the instant has passed", () => {
    assert.equal(secondsUntil("2026-12-06T10:00:00Z", now), 0);
    assert.equal(secondsUntil("2026-12-06T09:59:00Z", now), 0);
  });
});

describe("clockText", () => {
  it("writes minutes and two-digit seconds", () => {
    assert.equal(clockText(605, "en"), "10:05");
    assert.equal(clockText(59, "en"), "0:59");
    assert.equal(clockText(0, "en"), "0:00");
  });
  it("uses Arabic-Indic digits for Arabic", () => {
    assert.equal(clockText(545, "ar"), "٩:٠٥");
  });
  it("never goes below zero", () => {
    assert.equal(clockText(-3, "en"), "0:00");
  });
});

describe("typedCode", () => {
  it("takes Arabic-Indic and Persian digits, spaces and dashes", () => {
    assert.equal(typedCode("٤٨٢ ٠١٥"), "482015");
    assert.equal(typedCode("۴۸۲-۰۱۵"), "482015");
    assert.equal(typedCode(" 482015 "), "482015");
  });
  it("keeps anything else, so the page can refuse it", () => {
    assert.equal(typedCode("48201a"), "48201a");
    assert.equal(typedCode(undefined), "");
  });
});
