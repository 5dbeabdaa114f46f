// The kiosk's ticket: filled from the kiosk endpoint's answer, shown on the screen and printed
// (the print stylesheet in staff.css keeps only the ticket, sized for an 80 mm receipt roll).

import { digits, formatTime, formatWhen, lang, minutes, number, pick, text } from "./ui.js";

function fill(ticket, name, value) {
  ticket.querySelector(`[data-field="${name}"]`).textContent = value;
}

function showRow(ticket, name, shown) {
  ticket.querySelector(`[data-row="${name}"]`).hidden = !shown;
}

function waitText(estimate) {
  if (estimate === null || estimate === undefined) return text("ticket.wait_unknown");
  if (estimate === 0) return text("ticket.no_wait");
  return text("ticket.about", { duration: minutes(estimate) });
}

/** Fill ``#ticket`` from ``issued`` (POST …/tickets → 201); ``officeName`` is {ar, en} and
 *  ``priorityNames`` what the kiosk calls each priority (the ticket's may come from the
 *  booking's birth date rather than from the citizen's answer). */
export function fillTicket(issued, officeName, priorityNames) {
  const ticket = document.getElementById("ticket");
  const details = issued.ticket;
  fill(ticket, "office", officeName[lang]);
  fill(ticket, "number", digits(issued.number));
  fill(ticket, "number-latin", lang === "ar" ? issued.number : "");
  fill(ticket, "service", pick(details, "service_name"));
  const appointment = details.kind === "appointment";
  fill(ticket, "appointment", appointment && details.slot_start ? formatTime(details.slot_start) : "");
  fill(ticket, "booking", details.booking_code || "");
  fill(ticket, "priority", priorityNames[details.priority] ?? "");
  showRow(ticket, "appointment", appointment && Boolean(details.slot_start));
  showRow(ticket, "booking", Boolean(details.booking_code));
  showRow(ticket, "priority", details.priority !== "none");
  fill(ticket, "ahead", number(Math.max(0, issued.position - 1)));
  fill(ticket, "wait", waitText(issued.estimated_wait_minutes));
  fill(ticket, "issued", formatWhen(details.queued_at));
  ticket.dataset.number = issued.number;
  return ticket;
}
