// The booking page's second path: a flexible request for any of the offices the citizen accepts,
// on days they choose. It asks for the offices (request-reach.js), the days and a time of day,
// sends the request with the applicant's details, and shows its code to come back with and when
// the next batch decides it. A trip of several services is one request: its offices are those
// offering them all, and the optimiser places them back to back there on one day, or none.

import { api } from "./api.js";
import { servicesAsked } from "./chain.js";
import { officesFor } from "./offices.js";
import { batchNote, daysText, drawNote, rememberRequest, requestCard, timeOfDayText } from "./request-card.js";
import { ReachChooser } from "./request-reach.js";
import { $, lang, say, text } from "./ui.js";

// Refusals about the request's own fields; the applicant's are applicant.js's.
export const REQUEST_FIELD_OF = {
  invalid_date_range: "window_to",
  outside_booking_window: "window_from",
};

export class RequestForm {
  /** ``onChange()`` hears every change of an answer, to open the next step and fill the review. */
  constructor({ onChange }) {
    this.reach = new ReachChooser($("step-reach"), { onChange });
    this.from = $("window_from");
    this.to = $("window_to");
    for (const input of [this.from, this.to, ...document.querySelectorAll('input[name="time_of_day"]')]) {
      input.addEventListener("change", onChange);
    }
  }

  /** The offices to choose among: those offering every one of ``services``. */
  load(services) {
    return this.reach.load(services);
  }

  get hasOffices() {
    return this.reach.value !== null;
  }

  get timeOfDay() {
    return document.querySelector('input[name="time_of_day"]:checked')?.value || null;
  }

  /** The answers in words, for the review before sending. */
  get review() {
    return {
      offices: this.reach.summary,
      days: this.from.value && this.to.value ? daysText(this.from.value, this.to.value) : "—",
      timeOfDay: timeOfDayText(this.timeOfDay),
    };
  }

  /** ``[[field id, message], …]`` for the days; the offices are checked by ``hasOffices``. */
  check() {
    return this.to.value < this.from.value ? [["window_to", text("error.window_order")]] : [];
  }

  /** Send the request for ``services`` (one, or a trip's several in the order the office serves
   *  them) by ``who`` (applicant.js), with a solved proof-of-work puzzle when the server asked for
   *  one (proof-of-work.js); resolves to the API's view. */
  send(services, who, altcha = undefined) {
    return api("/api/v1/booking-requests", {
      method: "POST",
      body: {
        ...servicesAsked(services),
        ...who,
        ...this.reach.value,
        from: this.from.value,
        to: this.to.value,
        time_of_day: this.timeOfDay,
        lang,
        altcha,
      },
    });
  }
}

/** Show the sent request's confirmation in place of the form. */
export async function showRequestConfirmation(request) {
  rememberRequest(request.code);
  let offices = [];
  try {
    offices = await officesFor(request.service);
  } catch {
    // the card names the offices by id instead
  }
  $("booking-flow").hidden = true;
  const done = $("request-confirmation");
  done.querySelector("[data-request-slot]").replaceChildren(requestCard(request, { offices, qr: true }));
  $("request-follow").href = `/my-request?request_id=${encodeURIComponent(request.code)}`;
  $("request-copy").onclick = () => copy(request.code);
  $("request-print").onclick = () => window.print();
  // An entry into a day's opening draw is decided by lot at a known time, not by a batch.
  const draw = drawNote(request, "request.draw_done");
  $("request-done-batch").hidden = Boolean(draw);
  $("request-done-draw").hidden = !draw;
  $("request-done-draw").textContent = draw;
  say($("request-done-when"), batchNote(request));
  done.hidden = false;
  window.scrollTo({ top: 0 });
  $("request-confirmation-title").focus();
}

async function copy(code) {
  const status = $("request-copy-status");
  try {
    await navigator.clipboard.writeText(code);
    say(status, text("request.copied"));
  } catch {
    say(status, text("request.copy_failed"));
    const shown = document.querySelector('#request-confirmation [data-field="code"]');
    window.getSelection()?.selectAllChildren(shown);
  }
}
