// The booking as the citizen sees it (confirmation and /my-booking), filled into the
// <template id="booking-card-template"> the server rendered in the page's language.

import { downloadCalendar } from "./api.js";
import { visitLines } from "./chain.js";
import { digits, element, formatTime, formatWhen, pageData, pick, say, text } from "./ui.js";

function osmLink(office) {
  const lat = Number(office.lat).toFixed(5);
  const lon = Number(office.lon).toFixed(5);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** Statuses of a visit still to come (or under way): the ones worth a QR code, documents, a
 *  calendar entry and a printout. A cancelled, missed or served booking gets none of them. */
const VISIT_AHEAD = new Set(["confirmed", "checked_in"]);

/** A filled card for ``booking``; ``identity`` (kept only in memory) unlocks the .ics download;
 *  ``onRemove(person)``, when given, offers to take each person but the applicant off it. */
export function bookingCard(booking, identity, { onRemove = null } = {}) {
  const card = document.getElementById("booking-card-template").content.firstElementChild.cloneNode(true);
  const field = (name) => card.querySelector(`[data-field="${name}"]`);
  const office = booking.office;

  field("code").textContent = booking.code;
  const status = field("status");
  status.textContent = text(`status.${booking.status}`);
  status.dataset.status = booking.status;
  const qr = field("qr");
  qr.src = `/qr/${encodeURIComponent(booking.code)}.svg`;
  qr.alt = text("card.qr_alt", { code: booking.code });
  const visits = booking.visits ?? [];
  if (visits.length > 1) {
    // One trip, several services: each visit with its time, in the order the office serves them.
    const names = pageData("page-names").services ?? {};
    field("service-label").textContent = text("card.services");
    field("service").replaceChildren(element("ol", { className: "chain-visits" },
      ...visitLines(visits, names).map((visit) => element("li", {}, text("chain.visit", visit)))));
    field("when").textContent = text("chain.when", { when: formatWhen(booking.start), end: formatTime(visits.at(-1).end) });
  } else {
    field("service").textContent = pick(booking, "service_name");
    field("when").textContent = formatWhen(booking.start);
  }
  field("office").textContent = office ? pick(office, "name") : booking.office_id;
  field("address").textContent = office ? pick(office, "address") : "";
  const map = field("map");
  if (office) map.href = osmLink(office);
  else map.remove();
  field("name").textContent = booking.full_name;
  field("identity").textContent = text(`card.identity_${booking.identity_type}`, { last4: digits(booking.identity_last4) });
  const people = booking.people ?? [];
  if (people.length > 1) {
    // Several people, one appointment: everyone by name and the last four digits of their number.
    field("people-row").hidden = false;
    field("people").replaceChildren(...people.map((person) => {
      const item = element("li", {}, element("bdi", {}, person.full_name),
        ` (${text(`card.identity_${person.identity_type}`, { last4: digits(person.identity_last4) })})`);
      if (onRemove && person.position > 1) {
        const remove = element("button", { type: "button", className: "button button-quiet no-print" },
          text("party.remove_person", { name: person.full_name }));
        remove.addEventListener("click", () => onRemove(person));
        item.append(" ", remove);
      }
      return item;
    }));
  } else {
    field("people-row").remove();
  }
  field("phone").textContent = booking.phone;
  field("documents").replaceChildren(...pick(booking, "documents").map((doc) => element("li", {}, doc)));
  if (!VISIT_AHEAD.has(booking.status)) {
    for (const name of ["qr", "documents-title", "documents", "actions", "card-error"]) field(name).remove();
    return card;
  }

  const error = field("card-error");
  card.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  card.querySelector('[data-action="ics"]').addEventListener("click", async () => {
    say(error, "");
    try {
      await downloadCalendar(booking.code, identity);
    } catch (problem) {
      say(error, problem.message || text("card.ics_failed"));
    }
  });
  return card;
}

/** Put a fresh card for ``booking`` into ``slot`` (a [data-card-slot] element). */
export function showBookingCard(slot, booking, identity, options = {}) {
  slot.replaceChildren(bookingCard(booking, identity, options));
}
