// What the counter console shows of a ticket and of the waiting queue, in the page's language
// and digits. Filled as text, never as HTML.

import { afterThis } from "./chain-visits.js";
import { plural } from "./format.js";
import { digits, element, formatTime, lang, minutes, number, pick, text } from "./ui.js";

const PEOPLE = ["one", "two", "few", "many", "other"];

function field(name) {
  return document.querySelector(`#screen-desk [data-field="${name}"]`);
}

/** The ticket at the counter (a ticket view from the API), or the "no ticket" line. */
export function renderTicket(ticket, catalogue) {
  document.querySelector("[data-empty]").hidden = Boolean(ticket);
  document.querySelector("[data-current]").hidden = !ticket;
  if (!ticket) return;
  field("number").textContent = digits(ticket.number);
  field("service").textContent = pick(ticket, "service_name");
  // A booking of several services: the clerk sees where the citizen goes after this counter.
  const forms = Object.fromEntries(PEOPLE.map((form) => [form, text(`counter.after.${form}`)]));
  const after = field("after");
  after.textContent = afterThis(ticket, forms, text("counter.after_then"), lang);
  after.hidden = !after.textContent;
  field("kind").textContent = text(`ticket.kind.${ticket.kind}`);
  const priority = field("priority");
  priority.hidden = ticket.priority === "none";
  priority.textContent = ticket.priority === "none" ? "" : text(`ticket.priority.${ticket.priority}`);
  const state = field("state");
  state.textContent = text(`ticket.status.${ticket.status}`);
  state.dataset.status = ticket.status;
  const meta = [];
  if (ticket.called_at) meta.push(text("ticket.called_at", { time: formatTime(ticket.called_at) }));
  if (ticket.recalls) meta.push(text("ticket.recalls", { n: ticket.recalls }));
  if (ticket.booking_code) meta.push(text("ticket.booking", { code: ticket.booking_code }));
  if ((ticket.headcount ?? 1) > 1) {
    // Several people, one appointment: this one ticket is for all of them, served in turn here.
    const forms = Object.fromEntries(PEOPLE.map((form) => [form, text(`counter.party.${form}`)]));
    meta.unshift(plural(ticket.headcount, forms, lang));
  }
  field("meta").replaceChildren(...meta.map((line) => element("li", {}, line)));
  if ((ticket.headcount ?? 1) < 2) renderPeople([]);
  const service = catalogue[ticket.service];
  const documents = service ? pick(service, "documents") : [];
  field("documents").replaceChildren(...documents.map((line) => element("li", {}, line)));
}

/** Everyone a party's ticket is for (GET …/tickets/{id}/people): name and last four digits. */
export function renderPeople(people) {
  const list = field("people");
  list.hidden = people.length < 2;
  list.replaceChildren(...(people.length < 2 ? [] : people.map((person) => element("li", {},
    element("bdi", {}, person.full_name),
    ` (${text("counter.last4", { last4: digits(person.identity_last4) })})`))));
}

function estimateText(estimate, count) {
  if (count && estimate === null) return text("counter.no_counter_open"); // no open counter's share
  if (!count || estimate === undefined) return "—";
  if (estimate === 0) return text("ticket.no_wait");
  return text("ticket.about", { duration: minutes(estimate) });
}

/** Waiting people and the expected wait for each service the counter serves, and the total. */
export function renderWaiting(services, board, catalogue) {
  let total = 0;
  const rows = services.map((code) => {
    const count = board.waiting[code] ?? 0;
    total += count;
    return element("tr", { "data-service": code },
      element("th", { scope: "row" }, catalogue[code] ? pick(catalogue[code], "name") : code),
      element("td", { className: "count" }, number(count)),
      element("td", {}, estimateText(board.estimates[code], count)));
  });
  document.getElementById("waiting-rows").replaceChildren(...rows);
  document.getElementById("waiting-total").textContent = number(total);
}


/**
 * The banner over the desk: for each service this counter serves that people wait for while no
 * open counter serves it ([[service, people], ...]), how many wait; and, when this counter is
 * not open, that opening it would serve them.
 */
export function renderUnserved(unserved, status, catalogue) {
  const box = document.getElementById("desk-unserved");
  const lines = unserved.map(([code, people]) => {
    const forms = Object.fromEntries(PEOPLE.map((form) => [form, text(`counter.unserved.${form}`)]));
    const name = catalogue[code] ? pick(catalogue[code], "name") : code;
    return element("p", { "data-service": code }, plural(people, forms, lang).replaceAll("{service}", name));
  });
  if (lines.length && status !== "open") lines.push(element("p", { className: "desk-alert-hint" }, text("counter.unserved_here")));
  box.hidden = lines.length === 0;
  // The desk renders on every feed message: the live region changes only when its words do,
  // so a screen reader does not repeat them.
  if (lines.map((line) => line.textContent).join("") !== box.textContent) box.replaceChildren(...lines);
}
