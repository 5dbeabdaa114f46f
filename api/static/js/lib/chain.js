// One trip, several services (a chain): up to three services booked back to back at one office
// on one day, under one code. The rules the booking page and /my-booking share, pure (no DOM), so
// Node tests them: the order the office serves them in, the one list of papers, which offices
// can take the whole chain, which services may join it, how a booking or request names them.
//
// The order is the server's (booking/chains.py, chain_order): the page is given each service's
// place in it (data-order, rendered by the server) and sorts by that; the availability answer's
// `services` and a booking's `visits` come back in the same order.

import { formatTime } from "./ui.js";

export const MAX_SERVICES = 3;

/** ``codes`` in the order the office serves them: by each one's place in ``rank`` (code → n). */
export function chainOrder(codes, rank) {
  return [...codes].sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
}

/** One list of papers from several, each paper once, in the order first asked for (as the
 *  server merges a chain's documents_ar/en). */
export function mergeDocuments(lists) {
  return [...new Set(lists.flat())];
}

/** The offices that offer every one of ``services``. */
export function officesOfferingAll(offices, services) {
  return offices.filter((office) => services.every((code) => office.services.includes(code)));
}

/** The first of ``services`` that ``office`` does not offer, or null when it offers them all. */
export function missingAt(office, services) {
  return services.find((code) => !office.services.includes(code)) ?? null;
}

/** Whether a service for ``eligibility`` ("citizen", "foreigner", "any") may join a chain whose
 *  services are for ``chosen``: one identity books the chain, so Egyptians' and foreign
 *  nationals' services do not mix; a service for everyone goes with either. */
export function eligibleTogether(chosen, eligibility) {
  if (eligibility === "any") return true;
  return chosen.every((other) => other === "any" || other === eligibility);
}

/** Who books the chain: "foreigner" when any of its services is for foreign nationals (they book
 *  with a passport), else "citizen" when any is for Egyptians, else "any". */
export function chainEligibility(eligibilities) {
  if (eligibilities.includes("foreigner")) return "foreigner";
  return eligibilities.includes("citizen") ? "citizen" : "any";
}

/** How a booking or a flexible request names what it is for: one service as ``service`` (as
 *  before chains), several as ``services`` in the order the office serves them. */
export function servicesAsked(services) {
  return services.length > 1 ? { services: [...services] } : { service: services[0] };
}

/** The query of an office's availability for ``services`` (the service repeated for a chain). */
export function availabilityQuery(services) {
  const params = new URLSearchParams();
  for (const code of services) params.append("service", code);
  return params;
}

/** The booking page's address that starts a new booking of the same services: the first in
 *  ``service``, the others in ``also`` (what the page reads back). */
export function bookAgainHref(services) {
  const [first, ...also] = services;
  const params = new URLSearchParams({ service: first });
  if (also.length) params.set("also", also.join(","));
  return `/?${params}`;
}

/** Each visit with its service's name and its times at the office, for a list in the page's
 *  language: [{service, name, start, end, from, to}]. ``names`` maps a code to its name. */
export function visitLines(visits, names) {
  return visits.map((visit) => ({
    ...visit,
    name: names[visit.service] ?? visit.service,
    from: formatTime(visit.start),
    to: formatTime(visit.end),
  }));
}
