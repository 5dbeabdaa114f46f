// Numbers, plurals, days and times written as a reader of ``language`` ("ar" or "en") reads
// them: Arabic-Indic digits and CLDR plural forms in Arabic, times at the office. No DOM, no
// page: every function is told its language, so Node's test runner can import this file
// (tests/js/format.test.mjs). Page scripts call the page-language versions in ui.js.

export const OFFICE_TIME_ZONE = "Africa/Cairo";

const LOCALES = { ar: "ar-EG", en: "en-GB" };
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

/** The locale the Intl formatters use for ``language``: Egyptian Arabic or British English. */
export function localeOf(language) {
  return LOCALES[language] ?? LOCALES.ar;
}

/** Western digits in ``value`` written as a reader of ``language`` reads them. */
export function digits(value, language) {
  const text = String(value);
  return language === "ar" ? text.replace(/[0-9]/g, (d) => ARABIC_DIGITS[Number(d)]) : text;
}

/** Arabic-Indic (and Persian) digits back to Western ones, spaces and dashes dropped: what
 *  people type on an Arabic keyboard, made fit for an HTTP header or a pattern check. */
export function westernDigits(value) {
  return String(value)
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\s\-\u200e\u200f]/g, "");
}

const pluralRules = new Map();

/** The CLDR plural category of ``count`` in ``language`` (Arabic has all six: zero, one, two,
 *  few for 3–10, many for 11–99, other for 100–102 and the like). */
export function pluralCategory(count, language) {
  const locale = localeOf(language);
  if (!pluralRules.has(locale)) pluralRules.set(locale, new Intl.PluralRules(locale));
  return pluralRules.get(locale).select(count);
}

/** ``forms[category]`` for ``count`` (``other`` when that category has no form of its own), with
 *  ``{n}`` replaced by the count in the reader's digits. */
export function plural(count, forms, language) {
  const form = forms[pluralCategory(count, language)] ?? forms.other;
  return form.replaceAll("{n}", digits(count, language));
}

const MINUTES = {
  ar: { one: "دقيقة واحدة", two: "دقيقتان", few: "{n} دقائق", other: "{n} دقيقة" },
  en: { one: "{n} minute", other: "{n} minutes" },
};

/** A duration in minutes as a reader says it, like api/pages/i18n.minutes: "دقيقة واحدة",
 *  "دقيقتان", "٣ دقائق", "٢٠ دقيقة"; "1 minute", "20 minutes". */
export function minutes(count, language) {
  return plural(count, MINUTES[language] ?? MINUTES.ar, language);
}

/** A number with the reader's digits and grouping ("١٬٢٣٤" / "1,234"). */
export function number(value, language, maximumFractionDigits = 0) {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits }).format(value);
}

/** 0.734 → "٧٣٪" / "73%". */
export function percent(fraction, language, maximumFractionDigits = 0) {
  return new Intl.NumberFormat(localeOf(language), { style: "percent", maximumFractionDigits }).format(fraction);
}

/** A calendar date ("2026-12-07") with Intl ``options``; the date is already the office's local
 *  date, so it is formatted at UTC (never shifted by the browser's own time zone). */
export function calendarDate(isoDate, options, language) {
  return new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: "UTC" })
    .format(new Date(`${isoDate}T00:00:00Z`));
}

/** An instant ("2026-12-07T07:30:00Z" or a Date) with Intl ``options``, at the office's clock. */
export function officeTime(instant, options, language) {
  return new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: OFFICE_TIME_ZONE })
    .format(new Date(instant));
}

/** A time of day at the office ("02:00", as the server's settings name it) as a reader of
 *  ``language`` reads it ("٢:٠٠ ص" / "02:00"); formatted at UTC, so no time zone shifts it. */
export function clockTime(hhmm, language) {
  return new Intl.DateTimeFormat(localeOf(language), { hour: "numeric", minute: "2-digit", timeZone: "UTC" })
    .format(new Date(`1970-01-01T${hhmm}:00Z`));
}

/** ``isoDate`` plus ``n`` days (negative goes back), as "YYYY-MM-DD". */
export function addDays(isoDate, n) {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

/** The dates from ``first`` to ``last`` inclusive, as "YYYY-MM-DD" (none when last < first). */
export function daysBetween(first, last) {
  const days = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}
