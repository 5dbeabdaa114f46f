// What every page script shares: the page's strings and language, numbers and dates written as
// the page's reader reads them (lib/format.js, told the page's language), and small DOM helpers.
// Nothing here touches the page until it is called, so Node can import it too.

import * as format from "./format.js";

export { OFFICE_TIME_ZONE, westernDigits } from "./format.js";

const page = globalThis.document;
export const lang = page?.documentElement.lang === "en" ? "en" : "ar";

let strings = null;

/** Western digits written as the page's reader reads them (or as a reader of ``language``). */
export function digits(value, language = lang) {
  return format.digits(value, language);
}

/** A ticket number ("P-017") inside a sentence: in the page's digits, and isolated so that an
 *  Arabic sentence does not reorder its letter and digits. */
export function ticketNumber(value) {
  return `\u2068${digits(value)}\u2069`;
}

/** A duration in minutes with the plural the reader expects: "دقيقة واحدة", "دقيقتان",
 *  "٣ دقائق", "٢٠ دقيقة"; "20 minutes" in English. */
export function minutes(count, language = lang) {
  return format.minutes(count, language);
}

/** A UI string with ``{name}`` placeholders filled: numbers in the page's digits, text as it is
 *  (a booking code keeps its Latin digits; call digits() on text that should not). */
export function text(key, values = {}) {
  strings ??= JSON.parse(page?.getElementById("ui-strings")?.textContent || "{}");
  let result = strings[key] ?? key;
  for (const [name, value] of Object.entries(values)) {
    result = result.replaceAll(`{${name}}`, typeof value === "number" ? number(value) : String(value));
  }
  return result;
}

/** An object's ``<field>_ar`` or ``<field>_en``, whichever the page speaks. */
export function pick(object, field) {
  return object[`${field}_${lang}`] ?? object[`${field}_en`];
}

export function number(value, maximumFractionDigits = 0) {
  return format.number(value, lang, maximumFractionDigits);
}

/** "الاثنين" / "Monday" */
export function formatWeekday(isoDate) {
  return format.calendarDate(isoDate, { weekday: "long" }, lang);
}

/** "٧ ديسمبر" / "7 December" */
export function formatDate(isoDate) {
  return format.calendarDate(isoDate, { day: "numeric", month: "long" }, lang);
}

/** The clock time of an instant at the office ("٩:٣٠ ص"). */
export function formatTime(isoInstant) {
  return format.officeTime(isoInstant, { hour: "numeric", minute: "2-digit" }, lang);
}

/** A time of day at the office, "02:00" → "٢:٠٠ ص" / "02:00". */
export function formatClock(hhmm) {
  return format.clockTime(hhmm, lang);
}

/** Day and time of an instant at the office, for a booking: "الاثنين ٧ ديسمبر ٢٠٢٦، ٩:٣٠ ص". */
export function formatWhen(isoInstant) {
  return format.officeTime(isoInstant, {
    weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit",
  }, lang);
}

/** The element with this id (every page script finds its parts this way). */
export const $ = (id) => document.getElementById(id);

/** The data the server put in ``<script type="application/json" id="...">`` for the page. */
export function pageData(id) {
  return JSON.parse($(id)?.textContent || "{}");
}

/** Create an element; ``attributes`` become properties when the element has them (hidden, value). */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("data-") || name.startsWith("aria-") || !(name in node)) node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** Show a message under a field (by the field's id) and mark the field invalid. */
export function showFieldError(id, message) {
  const input = document.getElementById(id);
  const slot = document.getElementById(`${id}-error`);
  if (input) input.setAttribute("aria-invalid", "true");
  if (slot) {
    slot.textContent = message;
    slot.hidden = false;
  }
}

export function clearFieldErrors(root) {
  for (const input of root.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const slot of root.querySelectorAll(".field-error")) {
    slot.textContent = "";
    slot.hidden = true;
  }
}

/** Fill a message box and reveal it (or hide it when ``message`` is empty). */
export function say(box, message) {
  box.textContent = message || "";
  box.hidden = !message;
}

/** Move focus to a heading or box so keyboard and screen-reader users land where things changed. */
export function focusOn(node) {
  if (!node) return;
  node.focus({ preventScroll: true });
  node.scrollIntoView({ block: "start", behavior: "smooth" });
}

export function busy(button, isBusy, label) {
  if (isBusy) {
    button.dataset.label = button.textContent;
    if (label) button.textContent = label;
  } else if (button.dataset.label) {
    button.textContent = button.dataset.label;
  }
  button.disabled = isBusy;
  button.setAttribute("aria-busy", String(isBusy));
}
