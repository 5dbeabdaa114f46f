// How the dashboard writes its figures, days and times: in the page's language and digits
// (Arabic-Indic on an Arabic page), with "—" where there is nothing to show yet rather than a 0
// that would read as a measurement.

import { OFFICE_TIME_ZONE, digits, element, lang, minutes, number, text } from "./ui.js";

const locale = lang === "ar" ? "ar-EG" : "en-GB";
export const NOTHING = "—";

/** 0.734 → "٧٣٪" / "73%". */
export function percent(fraction, maximumFractionDigits = 0) {
  if (fraction === null || fraction === undefined) return NOTHING;
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits }).format(fraction);
}

/** A count, or "—" when the server has no figure. */
export function count(value) {
  return value === null || value === undefined ? NOTHING : number(value);
}

/** Minutes (with a decimal) as a reader says them: "أقل من دقيقة", "١٢ دقيقة". */
export function duration(value) {
  if (value === null || value === undefined) return NOTHING;
  if (value < 1) return text("dash.less_than_a_minute");
  return minutes(Math.round(value));
}

// A calendar date ("2026-12-07") is already the office's local date, so it is formatted at UTC.
function calendar(isoDate, options) {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** "الاثنين ٧ ديسمبر" / "Monday 7 December". */
export function dayLabel(isoDate) {
  return calendar(isoDate, { weekday: "long", day: "numeric", month: "long" });
}

/** An instant at the office, short: "الاثنين ٧ ديسمبر، ٩:٣٠ ص". */
export function slotLabel(isoInstant) {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
    timeZone: OFFICE_TIME_ZONE,
  }).format(new Date(isoInstant));
}

/** A clock time of the form "09:30", in the page's digits. */
export function clockLabel(hhmm) {
  return digits(hhmm);
}

/** The dates from ``first`` to ``last`` inclusive, as "YYYY-MM-DD". */
export function daysBetween(first, last) {
  const days = [];
  for (let day = new Date(`${first}T00:00:00Z`); day <= new Date(`${last}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** ``first`` plus ``n`` days. */
export function addDays(first, n) {
  const day = new Date(`${first}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

/** Fill a <select> with days, each named as a reader says it; ``blank`` adds a first option. */
export function fillDays(select, days, { blank = null, chosen = null } = {}) {
  const options = days.map((day) => element("option", { value: day }, dayLabel(day)));
  if (blank) options.unshift(element("option", { value: "" }, blank));
  select.replaceChildren(...options);
  if (chosen !== null) select.value = chosen;
}

/** A table cell, or a row of them; ``cells`` are [text, attributes] pairs or plain text. */
export function row(...cells) {
  return element("tr", {}, ...cells.map((cell) => {
    const [content, attributes] = Array.isArray(cell) ? cell : [cell, {}];
    const tag = attributes.scope ? "th" : "td";
    return element(tag, attributes, content);
  }));
}
