// The booking page (/): service → how to book → … → details → confirmation. Two paths after the
// service: book directly (office → day and time), or ask for any office near me on days I choose
// (offices → days, request-form.js), which the ministry's scheduling places later in a batch.
// Each step opens when the one before it has an answer; changing an earlier answer clears what
// depended on it. Client checks only catch typos early; the server's refusal is what we show.

import { api } from "../lib/api.js";
import { applicant, checkApplicant, setIdentityType, showErrors, showFieldRefusal } from "../lib/applicant.js";
import { showBookingCard } from "../lib/booking-card.js";
import { openCodeBox } from "../lib/code-box.js";
import { forget, recall, remember } from "../lib/last-booking.js";
import { OfficeChooser } from "../lib/offices.js";
import { sendWithProofOfWork } from "../lib/proof-of-work.js";
import { recoverCodes } from "../lib/recover-code.js";
import { REQUEST_FIELD_OF, RequestForm, showRequestConfirmation } from "../lib/request-form.js";
import { SlotPicker } from "../lib/slot-picker.js";
import { $, busy, clearFieldErrors, focusOn, formatWhen, lang, pick, say, text } from "../lib/ui.js";

const form = $("booking-form");
const steps = {
  mode: $("step-mode"),
  office: $("step-office"),
  time: $("step-time"),
  reach: $("step-reach"),
  window: $("step-window"),
  details: $("step-details"),
};
const formError = $("form-error");
const submitButton = $("submit-booking");
const state = {
  service: null, serviceName: "", mode: "direct", office: null, slot: null, detailsOpened: false, requestOpened: false,
};
const SLOT_GONE = new Set(["slot_full", "slot_not_offered", "outside_booking_window"]);

const offices = new OfficeChooser({
  list: $("office-list"),
  governorate: $("governorate"),
  nearest: $("nearest"),
  status: $("office-status"),
  onChange: (office) => {
    state.office = office;
    if (office) picker.load(office.id, state.service);
    refresh();
  },
});
const picker = new SlotPicker($("book-picker"), {
  onChange: (slot) => {
    state.slot = slot;
    if (slot) state.detailsOpened = true;
    refresh();
  },
});
const request = new RequestForm({ onChange: () => refresh() });

// A step opens below the one being answered, without taking focus: arrow keys move through a
// radio group and fire a change at every press, and focus must not jump away in between.
function show(step, visible) {
  step.hidden = !visible;
}

function refresh() {
  const direct = state.mode === "direct";
  const chosen = Boolean(state.service);
  state.requestOpened ||= chosen && !direct && request.hasOffices;
  show(steps.mode, chosen);
  show(steps.office, chosen && direct);
  show(steps.time, chosen && direct && Boolean(state.office));
  show(steps.reach, chosen && !direct);
  show(steps.window, chosen && !direct && state.requestOpened);
  show(steps.details, chosen && (direct ? Boolean(state.office) && state.detailsOpened : state.requestOpened));
  for (const row of form.querySelectorAll(".review [data-mode]")) row.hidden = row.dataset.mode !== state.mode;
  submitButton.textContent = direct ? submitButton.dataset.labelDirect : submitButton.dataset.labelRequest;
  $("review-service").textContent = state.serviceName || "—";
  if (direct) {
    $("review-office").textContent = state.office ? pick(state.office, "name") : "—";
    $("review-when").textContent = state.slot ? formatWhen(state.slot.start) : "—";
  } else {
    const review = request.review;
    $("review-offices").textContent = review.offices;
    $("review-days").textContent = review.days;
    $("review-time-of-day").textContent = review.timeOfDay;
  }
}

function chooseService(input) {
  state.service = input.value;
  state.serviceName = input.dataset.name;
  // The documents appear right under the chosen service, where the eye already is.
  for (const panel of document.querySelectorAll("[data-documents-for]")) {
    const chosen = panel.dataset.documentsFor === input.value;
    if (chosen) input.closest(".choice").after(panel);
    panel.hidden = !chosen;
  }
  // Residence and visa services are for foreign nationals, who book with a passport.
  setIdentityType(form, input.dataset.eligibility === "foreigner" ? "passport" : "national_id");
  state.slot = null;
  refresh();
  offices.load(input.value);
  request.load(input.value);
}

function chooseMode(input) {
  state.mode = input.value;
  clearFieldErrors(form);
  say(formError, "");
  refresh();
}

async function submit(event) {
  event.preventDefault();
  clearFieldErrors(form);
  say(formError, "");
  $("recover-offer").hidden = true;
  if (state.mode === "request") return submitRequest();
  if (!state.slot) return refuse(text("error.choose_time"));
  const errors = checkApplicant(form);
  if (errors.length) return showErrors(errors, formError);

  const who = applicant(form);
  busy(submitButton, true, text("book.submitting"));
  try {
    const body = { service: state.service, office_id: state.office.id, start: state.slot.start, ...who, lang };
    const answer = await sendWithProofOfWork(
      (altcha) => api("/api/v1/bookings", { method: "POST", body: { ...body, altcha } }),
      { office: state.office.id, checking: checking("book.submitting") },
    );
    // In a new day's first minutes the answer is an entry into its draw (202), not a booking;
    // when mobiles are verified it is a hold (202) until the code texted to the mobile is typed.
    if (answer.request_id) await showRequestConfirmation(answer);
    else if (answer.hold_id) verify(answer, who.identity.number);
    else confirm(answer, who.identity.number);
  } catch (error) {
    if (!showFieldRefusal(error, formError)) {
      refuse(error.message);
      if (SLOT_GONE.has(error.code)) picker.reload();
      if (error.code === "duplicate_booking") offerRecovery(who);
    }
  } finally {
    busy(submitButton, false);
  }
}

async function submitRequest() {
  if (!request.hasOffices) return refuse(text("reach.choose"));
  const errors = [...request.check(), ...checkApplicant(form)];
  if (errors.length) return showErrors(errors, formError);
  busy(submitButton, true, text("request.submitting"));
  try {
    const who = applicant(form);
    const sent = await sendWithProofOfWork((altcha) => request.send(state.service, who, altcha), {
      checking: checking("request.submitting"),
    });
    await showRequestConfirmation(sent);
  } catch (error) {
    if (!showFieldRefusal(error, formError, REQUEST_FIELD_OF)) refuse(error.message);
  } finally {
    busy(submitButton, false);
  }
}

/** "You already have a booking": offer to text its code to the mobile it was made with (the
 *  identity and mobile just typed; the server answers the same whatever it finds). */
function offerRecovery(who) {
  const offer = $("recover-offer");
  const button = $("recover-offer-button");
  const sent = $("recover-offer-sent");
  say(sent, "");
  offer.hidden = false;
  button.onclick = async () => {
    busy(button, true, text("recover.sending"));
    try {
      await recoverCodes(who.identity, who.phone);
      say(sent, text("recover.sent"));
      focusOn(sent);
    } catch (error) {
      say(sent, error.message);
      focusOn(sent);
    } finally {
      busy(button, false);
    }
  };
}

/** While the browser solves the server's puzzle, the busy button says so, then what it said before. */
function checking(sendingKey) {
  return (solving) => {
    submitButton.textContent = text(solving ? "pow.checking" : sendingKey);
  };
}

function refuse(message) {
  say(formError, message);
  focusOn(formError);
}

/** The code box in place of the form; the form comes back as it was typed on "back" or when
 *  the hold ran out (saying so). */
function verify(hold, identityNumber) {
  $("booking-flow").hidden = true;
  openCodeBox(hold, {
    onConfirmed: (booking) => confirm(booking, identityNumber),
    onBack: ({ expired, message } = {}) => {
      $("booking-flow").hidden = false;
      if (expired) refuse(message || text("code.expired"));
      else focusOn(submitButton);
    },
  });
}

function confirm(booking, identityNumber) {
  remember(booking); // the code only: Reload, Back or a closed tab no longer lose it
  $("last-booking").hidden = true;
  $("booking-flow").hidden = true;
  const done = $("confirmation");
  showBookingCard(done.querySelector("[data-card-slot]"), booking, identityNumber);
  $("manage-link").href = `/my-booking?code=${encodeURIComponent(booking.code)}`;
  done.hidden = false;
  window.scrollTo({ top: 0 });
  $("confirmation-title").focus();
}

/** A booking made earlier on this device, offered again at the top of the page. */
function offerLastBooking() {
  const kept = recall();
  const box = $("last-booking");
  if (!kept) return;
  $("last-booking-body").textContent = text("last.body", { code: kept.code, when: formatWhen(kept.start) });
  $("last-booking-link").href = `/my-booking?code=${encodeURIComponent(kept.code)}`;
  $("last-booking-dismiss").addEventListener("click", () => {
    forget(kept.code);
    box.hidden = true;
  });
  box.hidden = false;
}

offerLastBooking();
for (const input of form.querySelectorAll('input[name="service"]')) {
  input.addEventListener("change", () => chooseService(input));
}
for (const input of form.querySelectorAll('input[name="mode"]')) {
  input.addEventListener("change", () => chooseMode(input));
}
for (const input of form.querySelectorAll('input[name="identity_type"]')) {
  input.addEventListener("change", () => setIdentityType(form, input.value));
}
form.addEventListener("submit", submit);
// A page restored from history, or opened with ?service=, may have a service already checked.
const restoredMode = form.querySelector('input[name="mode"]:checked');
if (restoredMode) state.mode = restoredMode.value;
const restored = form.querySelector('input[name="service"]:checked');
if (restored) chooseService(restored);
