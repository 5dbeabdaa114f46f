// A booking of several services is one ticket that goes from service to service under one
// number (queue_display/ticket.py, ``next_visits``): what the counter console and the kiosk's
// ticket say of the services around the one at hand. No page here, so Node's tests import it.

import { plural } from "./format.js";

function nameOf(visit, language) {
  return visit[`service_name_${language}`] ?? visit.service_name_en ?? visit.service;
}

/** The services a ticket goes on to after this one, in the order served: [{service, name, start}]. */
export function servicesAfter(ticket, language) {
  return (ticket?.next_visits ?? []).map((visit) => ({
    service: visit.service,
    name: nameOf(visit, language),
    start: visit.slot_start,
  }));
}

/** Every service of the ticket's trip from this one on, in order: this one (at its slot), then
 *  those after it. A ticket of one service gives one. */
export function tripFromHere(ticket, language) {
  return [
    { service: ticket.service, name: nameOf(ticket, language), start: ticket.slot_start ?? null },
    ...servicesAfter(ticket, language),
  ];
}

/**
 * "2 more services after this: A, then B" in ``language``: ``forms`` are the plural forms
 * ({one, two, few, many, other}) with ``{n}`` and ``{services}``, ``then`` what joins the names
 * (", then "). Empty for a ticket with nothing after it.
 */
export function afterThis(ticket, forms, then, language) {
  const after = servicesAfter(ticket, language);
  if (!after.length) return "";
  return plural(after.length, forms, language).replaceAll("{services}", after.map((v) => v.name).join(then));
}
