// A flexible request as the citizen sees it (its confirmation on / and /my-request), filled into
// the <template id="request-card-template"> the server rendered in the page's language.

import { distanceText } from "./offices.js";
import { digits, element, formatClock, formatTime, formatWhen, lang, number, pick, text } from "./ui.js";

const locale = lang === "ar" ? "ar-EG" : "en-GB";
const names = JSON.parse(document.getElementById("page-names")?.textContent || "{}");

/** A service's name in the page's language, by its code. */
export function serviceName(code) {
  return names.services?.[code] ?? code;
}

/** "الاثنين ٧ ديسمبر ٢٠٢٦": a calendar date, which is already the office's local date. */
export function dayText(isoDate) {
  return new Intl.DateTimeFormat(locale, {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function daysText(first, last) {
  return first === last ? dayText(first) : text("window.range", { first: dayText(first), last: dayText(last) });
}

export function timeOfDayText(band) {
  return text(`time_of_day.${band || "any"}`);
}

/** How the citizen named the offices: a governorate, a radius around them, or a list; a
 *  governorate's offices are those offering the service, or all of a trip's ``several``. */
export function reachText(asked, several = false) {
  if (asked.kind === "governorate") {
    const name = names.governorates?.[asked.governorate] ?? asked.governorate;
    return text(several ? "reach.summary_governorate_all" : "reach.summary_governorate", { name });
  }
  if (asked.kind === "near") return text("reach.summary_near", { km: number(asked.max_km) });
  return text("reach.summary_list");
}

/** When a pending request is decided at the latest: the national batch's times of day and its
 *  next run, in the page's language; "" when the server names no batch (none is scheduled, the
 *  request is decided, or it is an entry into a day's opening draw, which drawNote tells). */
export function batchNote(request) {
  const batch = request.next_batch;
  if (!batch || request.status !== "pending") return "";
  const times = new Intl.ListFormat(locale, { type: "conjunction" }).format(batch.daily_at.map(formatClock));
  return text("request.batch_when", { times, when: formatWhen(batch.at) });
}

/** A filled card for ``request`` (the API's view); ``offices`` are the service's offices, to name
 *  the ones the request accepts; ``qr`` shows the QR code of the request's status page. */
export function requestCard(request, { offices = [], qr = false } = {}) {
  const card = document.getElementById("request-card-template").content.firstElementChild.cloneNode(true);
  const field = (name) => card.querySelector(`[data-field="${name}"]`);
  const byId = new Map(offices.map((office) => [office.id, office]));

  field("code").textContent = request.code;
  const status = field("status");
  // An entry into a day's opening draw waits for the draw, not for a batch.
  const drawn = request.draw && request.status === "pending";
  status.textContent = text(drawn ? "request.status.in_draw" : `request.status.${request.status}`);
  status.dataset.status = request.status;
  if (qr) {
    const image = field("qr");
    image.src = `/qr/requests/${encodeURIComponent(request.code)}.svg`;
    image.alt = text("request.qr_alt");
  } else {
    field("qr-figure").remove();
  }
  // One trip, several services: every one, in the order they are served ("A، B" / "A and B").
  const services = (request.services ?? [request.service]).map(serviceName);
  if (services.length > 1) field("service-label").textContent = text("card.services");
  field("service").textContent = new Intl.ListFormat(locale, { type: "conjunction" }).format(services);
  field("reach").textContent = reachText(request.asked_for, services.length > 1);
  const near = request.asked_for.kind === "near";
  field("offices").replaceChildren(...request.offices.map(({ office_id: id, distance_km: km }) => {
    const office = byId.get(id);
    return element("li", {}, office ? pick(office, "name") : id,
      near ? element("span", { className: "distance" }, ` — ${distanceText(km)}`) : null);
  }));
  field("days").textContent = daysText(request.from, request.to);
  field("time-of-day").textContent = request.draw
    ? text("request.chosen_time", { time: formatTime(request.draw.preferred_start) })
    : timeOfDayText(request.time_of_day);
  const identityKey = request.identity_type === "passport" ? "card.identity_passport" : "card.identity_national_id";
  field("identity").textContent = text(identityKey, { last4: digits(request.identity_last4) });
  field("sent").textContent = formatWhen(request.created_at);
  return card;
}

// Only the request's code is kept on the device (it opens nothing without the identity number), so
// the status page can offer it when the citizen comes back on the same phone.
const REMEMBERED = "mawid.last-request";

export function rememberRequest(code) {
  try {
    localStorage.setItem(REMEMBERED, code);
  } catch {
    // private browsing: nothing is remembered, the confirmation still shows the number
  }
}

/** The code (or, from before codes, the id) of the last request sent from this device, or null. */
export function rememberedRequest() {
  try {
    return localStorage.getItem(REMEMBERED);
  } catch {
    return null;
  }
}

/** For an entry into a day's opening draw, the sentence ``key`` about it (its day, the time it
 *  chose, when it is decided); "" for any other request. */
export function drawNote(request, key) {
  const draw = request.draw;
  if (!draw) return "";
  return text(key, {
    day: dayText(draw.day),
    chosen: formatTime(draw.preferred_start),
    time: draw.decided_at ? formatTime(draw.decided_at) : "",
  });
}
