// How the dashboard writes its figures, days and times: in the page's language and digits
// (Arabic-Indic on an Arabic page), with "—" where there is nothing to show yet rather than a 0
// that would read as a measurement.

import * as format from "./format.js";
import { digits, element, lang, minutes, number, text } from "./ui.js";

export { addDays, daysBetween } from "./format.js";

export const NOTHING = "—";

/** 0.734 → "٧٣٪" / "73%". */
export function percent(fraction, maximumFractionDigits = 0) {
  if (fraction === null || fraction === undefined) return NOTHING;
  return format.percent(fraction, lang, maximumFractionDigits);
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

/** "الاثنين ٧ ديسمبر" / "Monday 7 December". */
export function dayLabel(isoDate) {
  return format.calendarDate(isoDate, { weekday: "long", day: "numeric", month: "long" }, lang);
}

/** An instant at the office, short: "الاثنين ٧ ديسمبر، ٩:٣٠ ص". */
export function slotLabel(isoInstant) {
  return format.officeTime(isoInstant, {
    weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
  }, lang);
}

/** A clock time of the form "09:30", in the page's digits. */
export function clockLabel(hhmm) {
  return digits(hhmm);
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
