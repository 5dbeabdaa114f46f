// What every page script shares: the page's strings and language, numbers and dates written as
// the page's reader reads them (Arabic-Indic digits in Arabic), and small DOM helpers.

const strings = JSON.parse(document.getElementById("ui-strings")?.textContent || "{}");

export const lang = document.documentElement.lang === "en" ? "en" : "ar";
const locale = lang === "ar" ? "ar-EG" : "en-GB";
export const OFFICE_TIME_ZONE = "Africa/Cairo";

const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

/** Western digits written as the page's reader reads them (or as a reader of ``language``). */
export function digits(value, language = lang) {
  const text = String(value);
  return language === "ar" ? text.replace(/[0-9]/g, (d) => ARABIC_DIGITS[Number(d)]) : text;
}

/** A ticket number ("P-017") inside a sentence: in the page's digits, and isolated so that an
 *  Arabic sentence does not reorder its letter and digits. */
export function ticketNumber(value) {
  return `\u2068${digits(value)}\u2069`;
}

/** A duration in minutes with the plural an Arabic reader expects, as api/pages/i18n.minutes:
 *  "دقيقة واحدة", "دقيقتان", "٣ دقائق", "٢٠ دقيقة"; "20 minutes" in English. */
export function minutes(count, language = lang) {
  if (language === "en") return count === 1 ? "1 minute" : `${count} minutes`;
  if (count === 1) return "دقيقة واحدة";
  if (count === 2) return "دقيقتان";
  const word = count % 100 >= 3 && count % 100 <= 10 ? "دقائق" : "دقيقة";
  return `${digits(count, "ar")} ${word}`;
}

/** Arabic-Indic (and Persian) digits back to Western ones, spaces and dashes dropped: what
 *  people type on an Arabic keyboard, made fit for an HTTP header or a pattern check. */
export function westernDigits(value) {
  return String(value)
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\s\-\u200e\u200f]/g, "");
}

/** A UI string with ``{name}`` placeholders filled: numbers in the page's digits, text as it is
 *  (a booking code keeps its Latin digits; call digits() on text that should not). */
export function text(key, values = {}) {
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
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

// A calendar date ("2026-12-07") is already the office's local date, so it is formatted at UTC.
function formatCalendarDate(isoDate, options) {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** "الاثنين" / "Monday" */
export function formatWeekday(isoDate) {
  return formatCalendarDate(isoDate, { weekday: "long" });
}

/** "٧ ديسمبر" / "7 December" */
export function formatDate(isoDate) {
  return formatCalendarDate(isoDate, { day: "numeric", month: "long" });
}

/** The clock time of an instant at the office ("٩:٣٠ ص"). */
export function formatTime(isoInstant) {
  return new Intl.DateTimeFormat(locale, {
    hour: "numeric", minute: "2-digit", timeZone: OFFICE_TIME_ZONE,
  }).format(new Date(isoInstant));
}

/** Day and time of an instant at the office, for a booking: "الاثنين ٧ ديسمبر ٢٠٢٦، ٩:٣٠ ص". */
export function formatWhen(isoInstant) {
  return new Intl.DateTimeFormat(locale, {
    weekday: "long", day: "numeric", month: "long", year: "numeric",
    hour: "numeric", minute: "2-digit", timeZone: OFFICE_TIME_ZONE,
  }).format(new Date(isoInstant));
}

/** The element with this id (every page script finds its parts this way). */
export const $ = (id) => document.getElementById(id);

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
