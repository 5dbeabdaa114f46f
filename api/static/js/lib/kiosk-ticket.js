// The kiosk's ticket: filled from the kiosk endpoint's answer (a new ticket, or a lost one printed
// again), shown on the screen and printed (the print stylesheet in staff.css keeps only the
// ticket, sized for an 80 mm receipt roll).

import { tripFromHere } from "./chain-visits.js";
import { plural } from "./format.js";
import { digits, element, formatTime, formatWhen, lang, minutes, number, pick, text } from "./ui.js";

const PLURAL_FORMS = ["one", "two", "few", "many", "other"];

function fill(ticket, name, value) {
  ticket.querySelector(`[data-field="${name}"]`).textContent = value;
}

function showRow(ticket, name, shown) {
  ticket.querySelector(`[data-row="${name}"]`).hidden = !shown;
}

/** What a ticket says of its wait, from the server's ``wait`` (see api/ticket_views.WaitOut):
 *  ``turn`` for an early appointment (its slot's time, and no count of people who will be gone
 *  by then), else ``ahead`` and ``wait``, and ``note``: why there is no figure, if there is none.
 *  A line the ticket should not show is null. */
export function waitLines(wait) {
  if (wait.basis === "appointment") {
    return { turn: text("ticket.at_your_time", { time: formatTime(wait.turn_at) }), ahead: null, wait: null, note: "" };
  }
  const ahead = number(wait.ahead ?? 0);
  if (wait.basis === "queue") {
    const figure = wait.minutes === 0 ? text("ticket.no_wait") : text("ticket.about", { duration: minutes(wait.minutes) });
    return { turn: null, ahead, wait: figure, note: "" };
  }
  const note = wait.basis === "before_opening" && wait.opens_at
    ? text("ticket.why_before_opening", { time: formatTime(wait.opens_at) })
    : text("ticket.why_no_counter");
  return { turn: null, ahead, wait: text("ticket.wait_unknown"), note };
}

/** A new ticket (POST …/tickets → 201) as the ticket prints it. */
export function printOfIssued(issued) {
  return { ...issued.ticket, wait: issued.wait, status_url: issued.status_url, reprinted: false };
}

/** A lost ticket printed again (POST …/tickets/reprint → 200): it names nobody, so no booking
 *  code and no priority class. */
export function printOfReprint(answer) {
  return { ...answer, booking_code: null, priority: "none", reprinted: true };
}

/** Fill ``#ticket`` from ``print`` (printOfIssued or printOfReprint); ``officeName`` is {ar, en}
 *  and ``priorityNames`` what the kiosk calls each priority (the ticket's may come from the
 *  booking's birth date rather than from the citizen's answer). */
export function fillTicket(print, officeName, priorityNames) {
  const ticket = document.getElementById("ticket");
  const lines = waitLines(print.wait);
  fill(ticket, "office", officeName[lang]);
  fill(ticket, "number", digits(print.number));
  fill(ticket, "number-latin", lang === "ar" ? print.number : "");
  fill(ticket, "service", pick(print, "service_name"));
  const appointment = print.kind === "appointment" && Boolean(print.slot_start);
  fill(ticket, "appointment", appointment ? formatTime(print.slot_start) : "");
  fill(ticket, "booking", print.booking_code || "");
  fill(ticket, "priority", priorityNames[print.priority] ?? "");
  fill(ticket, "turn", lines.turn ?? "");
  fill(ticket, "ahead", lines.ahead ?? "");
  fill(ticket, "wait", lines.wait ?? "");
  fill(ticket, "note", lines.note);
  fill(ticket, "issued", formatWhen(print.queued_at));
  // A booking of several services: one number for all of them, each at its own time, in order.
  const trip = print.next_visits?.length ? tripFromHere(print, lang) : [];
  ticket.querySelector('[data-field="visits"]').replaceChildren(
    ...trip.map((visit) => element("li", {}, visit.start
      ? text("ticket.visit_at", { service: visit.name, time: formatTime(visit.start) })
      : visit.name)),
  );
  showRow(ticket, "visits", trip.length > 0);
  // Several people, one appointment: one number for the whole party.
  const headcount = print.headcount ?? 1;
  const forms = Object.fromEntries(PLURAL_FORMS.map((form) => [form, text(`ticket.party.${form}`)]));
  fill(ticket, "headcount", headcount > 1 ? plural(headcount, forms, lang) : "");
  showRow(ticket, "headcount", headcount > 1);
  showRow(ticket, "reprinted", print.reprinted);
  showRow(ticket, "appointment", appointment && lines.turn === null); // the turn line says it
  showRow(ticket, "booking", Boolean(print.booking_code));
  showRow(ticket, "priority", print.priority !== "none");
  showRow(ticket, "turn", lines.turn !== null);
  showRow(ticket, "ahead", lines.ahead !== null);
  showRow(ticket, "wait", lines.wait !== null);
  // The live page's QR code (a new ticket's answer carries its address; a reprint does not).
  const qr = ticket.querySelector('[data-field="qr"]');
  if (print.status_url) qr.src = `${print.status_url.replace("/t/", "/qr/tickets/")}&lang=${lang}`;
  else qr.removeAttribute("src");
  showRow(ticket, "qr", Boolean(print.status_url));
  ticket.dataset.number = print.number;
  return ticket;
}
