// The booking page (/): service → how to book → … → identity → name and mobile → check your
// answers → confirmation. Two paths after the service: book directly (office → day and time), or
// ask for any office near me on days I choose (offices → days, request-form.js), which the
// ministry's scheduling places later in a batch. On a phone each step is a screen of its own, in
// the address; on a wider screen each opens below the one before once that has an answer
// (lib/step-flow.js). Changing an earlier answer clears what depended on it. Client checks only
// catch typos early; the server's refusal is what we show, in the error summary
// (lib/error-summary.js), as a link to the field it is about.
//
// One trip, several services: under the service, "also need …" adds up to two more (lib/chain.js).
// Then only offices offering all of them are listed, the times are starts at which the whole chain
// fits (each with its end), the review lists every visit with its time, and the booking is one
// code. A flexible request may ask for them too: its offices are those offering them all, the review
// lists every service and one list of papers, and it goes as ``services`` (one still as ``service``).
//
// Several people, one appointment: under the service, how many people the booking is for
// (lib/party.js); the times are then starts at which the whole party fits, the identity step asks
// each other person's name and identity, and the booking goes as ``people``. Direct bookings only.

import { api } from "../lib/api.js";
import { applicant, checkContact, checkIdentity, refusedField, setIdentityType } from "../lib/applicant.js";
import { showBookingCard } from "../lib/booking-card.js";
import {
  MAX_SERVICES, chainEligibility, chainOrder, eligibleTogether, mergeDocuments, missingAt, servicesAsked,
} from "../lib/chain.js";
import { openCodeBox } from "../lib/code-box.js";
import { ErrorSummary } from "../lib/error-summary.js";
import { forget, recall, remember } from "../lib/last-booking.js";
import { OfficeChooser } from "../lib/offices.js";
import { Party } from "../lib/party.js";
import { sendWithProofOfWork } from "../lib/proof-of-work.js";
import { recoverCodes } from "../lib/recover-code.js";
import "../lib/question-box.js";
import { REQUEST_FIELD_OF, RequestForm, showRequestConfirmation } from "../lib/request-form.js";
import { SlotPicker } from "../lib/slot-picker.js";
import { StepFlow } from "../lib/step-flow.js";
import {
  $, busy, clearFieldErrors, digits, element, focusOn, formatTime, formatWhen, lang, pick, say, showFieldError, text,
} from "../lib/ui.js";

const form = $("booking-form");
const submitButton = $("submit-booking");
const state = {
  service: null, serviceName: "", also: [], mode: "direct", office: null, slot: null, together: null, people: 1,
  offices: Promise.resolve(), times: Promise.resolve(), reach: Promise.resolve(),
};
const SLOT_GONE = new Set(["slot_full", "slot_not_offered", "outside_booking_window"]);
const PATHS = {
  direct: ["service", "mode", "office", "time", "identity", "contact", "review"],
  request: ["service", "mode", "reach", "window", "identity", "contact", "review"],
};
// On a wide screen these open together once the choices before them are made, and stay open.
const DETAILS = new Set(["identity", "contact", "review"]);
// What identifies the person, cleared from the page once the booking or request is made.
const PERSONAL = ["national_id", "passport_number", "full_name", "phone", "email"];
// Refusals of the services asked for together: shown at "also need".
const CHAIN_REFUSED = new Set(["service_not_offered", "repeated_service", "too_many_services", "no_service"]);
// Every service as the "also need" choices know it: its name, who may book it, its place in the
// order the office serves a chain (the server's chain_order, rendered as data-order).
const alsoBoxes = [...form.querySelectorAll('input[name="also"]')];
const SERVICE = Object.fromEntries(alsoBoxes.map((box) => [box.value, {
  name: box.dataset.name, eligibility: box.dataset.eligibility, order: Number(box.dataset.order),
}]));
const RANK = Object.fromEntries(Object.entries(SERVICE).map(([code, { order }]) => [code, order]));

/** The services to book, in the order the office serves them (one, unless "also need" added). */
function services() {
  return state.service ? chainOrder([state.service, ...state.also], RANK) : [];
}

function isChain() {
  return state.also.length > 0;
}

const offices = new OfficeChooser({
  list: $("office-list"),
  governorate: $("governorate"),
  nearest: $("nearest"),
  status: $("office-status"),
  onChange: (office) => {
    state.office = office;
    if (office) state.times = picker.load(office.id, services(), state.people);
    changed();
  },
});
const picker = new SlotPicker($("book-picker"), {
  onChange: (slot) => {
    state.slot = slot;
    changed();
  },
});
const request = new RequestForm({ onChange: () => changed() });
const party = new Party({
  onSize: (count) => {
    // The times offered depend on how many are served one after the other.
    state.people = count;
    if (state.office && picker.people !== count) {
      state.slot = null;
      state.times = picker.load(state.office.id, services(), count);
    }
    changed();
  },
});
const summary = new ErrorSummary($("form-error"), { reveal: (field) => flow.reveal(field) });

/** A step's problems: none once it has its answer. */
function problems(step) {
  switch (step) {
    case "service":
      if (!state.service) return [["service-choices", text("error.pick_service")]];
      if (state.together === 0) {
        return [["also-choices", text("error.no_office_together", { service: SERVICE[state.also.at(-1)]?.name })]];
      }
      return [];
    case "mode":
      return state.mode === "request" && state.people > 1 ? [["party-size", text("party.direct_only")]] : [];
    case "office":
      return state.office ? [] : [["office-choices", text("error.pick_office")]];
    case "time":
      if (state.slot) return [];
      return picker.chosenDay ? [["book-times", text("error.pick_hour")]] : [["book-days", text("error.pick_day")]];
    case "reach":
      return request.hasOffices ? [] : [["reach-kinds", text("reach.choose")]];
    case "window":
      return request.check();
    case "identity":
      return [...checkIdentity(form), ...party.check()];
    case "contact":
      return checkContact();
    default:
      return [];
  }
}

const flow = new StepFlow({
  root: $("booking-flow"),
  back: $("step-back"),
  announcer: $("step-announcer"),
  path: () => PATHS[state.mode],
  problems,
  // A step shows on a wide screen once the choices before it are made; the details open together.
  reachable: (step) => {
    const path = PATHS[state.mode];
    return path.slice(0, path.indexOf(step)).filter((before) => !DETAILS.has(before)).every((before) => !problems(before).length);
  },
  sticky: ["window", ...DETAILS],
  onProblems: (found, step) => showProblems(found, step),
  onLeave: () => clearProblems(),
  onShow: (step) => {
    if (step === "review") fillReview();
  },
  kept,
  params: () => ({ service: state.service, also: state.also.join(",") }),
});

/** Every answer but the person's: enough to come back to the same step after Reload. */
function kept() {
  const reach = request.reach;
  return {
    mode: state.mode,
    also: state.also,
    governorate: $("governorate").value,
    office: state.office?.id ?? null,
    day: picker.chosenDay,
    start: state.slot?.start ?? null,
    reach: {
      kind: reach.kind,
      governorate: $("reach-governorate").value,
      radius: $("reach-radius").value,
      filter: $("reach-filter").value,
      offices: [...reach.ticked],
    },
    window: { from: $("window_from").value, to: $("window_to").value, band: request.timeOfDay },
  };
}

/** After any answer: the steps it opens, the review, the address. */
function changed() {
  for (const node of form.querySelectorAll("[data-mode]")) node.hidden = node.dataset.mode !== state.mode;
  submitButton.textContent = state.mode === "direct" ? submitButton.dataset.labelDirect : submitButton.dataset.labelRequest;
  fillReview();
  flow.render();
  flow.save();
}

/** Check your answers: every answer, the identity number only by its last four characters. */
function fillReview() {
  const put = (name, value) => {
    const cell = $(`review-${name}`);
    cell.replaceChildren(value || "—");
    return cell;
  };
  const row = (name) => form.querySelector(`[data-review="${name}"]`);
  if (isChain()) {
    // Every visit, with its time once one is chosen (the slot's visits, in the order served).
    const visits = state.slot?.visits ?? services().map((service) => ({ service }));
    put("service", element("ol", { className: "chain-visits" }, ...visits.map((visit) => element("li", {},
      visit.start
        ? text("chain.visit", { name: SERVICE[visit.service].name, from: formatTime(visit.start), to: formatTime(visit.end) })
        : SERVICE[visit.service].name))));
  } else {
    put("service", state.serviceName);
  }
  if (state.mode === "direct") {
    put("office", state.office ? pick(state.office, "name") : "");
    const when = state.slot ? formatWhen(state.slot.start) : "";
    put("when", when && isChain() ? text("chain.when", { when, end: formatTime(state.slot.end) }) : when);
  } else {
    const review = request.review;
    put("offices", review.offices);
    put("days", review.days);
    put("time-of-day", review.timeOfDay);
  }
  // A trip's papers, once each, where the answers are checked (one service shows its own above).
  row("documents").hidden = !isChain();
  const papers = isChain() ? chainPapers().map((paper) => element("li", {}, paper)) : [];
  put("documents", papers.length ? element("ul", { className: "documents-list" }, ...papers) : "");
  const who = applicant(form);
  const { type, number, nationality } = who.identity;
  const last4 = digits(number.slice(-4));
  put("identity", number ? text(`card.identity_${type}`, { last4 }) : "");
  row("nationality").hidden = type !== "passport";
  put("nationality", nationality ? $("nationality").selectedOptions[0].textContent.trim() : "");
  put("name", who.full_name && element("bdi", {}, who.full_name));
  row("people").hidden = party.count === 1;
  put("people", party.count > 1 ? element("ol", { className: "party-people-list" }, ...party.review()) : "");
  put("phone", who.phone && element("bdi", { dir: "ltr" }, who.phone));
  row("email").hidden = !who.email;
  put("email", who.email && element("bdi", { dir: "ltr" }, who.email));
  const check = text(type === "passport" ? "review.check_passport" : "review.check_national_id", { last4 });
  const wrong = text(state.mode === "direct" ? "review.wrong_booking" : "review.wrong_request");
  $("review-identity-warning").textContent = number ? `${check} ${wrong}` : "";
}

/** The error summary at the top of the step the first problem is in (on a phone that step comes
 *  to the front), each problem also under its field. */
function showProblems(found, step = null) {
  const field = found.find(([id]) => id)?.[0];
  const where = step ?? flow.stepOf(field && $(field)) ?? flow.current;
  if (flow.paged && where !== flow.current) {
    flow.returning = true; // once put right, Continue leads back to the review
    flow.go(where, { focus: false });
  }
  clearProblems();
  for (const [id, message] of found) if (id) showFieldError(id, message);
  summary.show(found, $(`step-${where}`).querySelector(".step-heading"));
}

function clearProblems() {
  clearFieldErrors(form);
  summary.clear();
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
  showAlso();
  state.slot = null;
  changed();
  state.offices = loadOffices();
  state.reach = request.load(services());
}

/** "Also need …" after a change of the first service or of the others: which may join (not the
 *  first again, one identity's kind of services, three at most), the order they will be served
 *  in, one list of papers, who books them. */
function showAlso() {
  const kinds = () => [state.service, ...state.also].map((code) => SERVICE[code].eligibility);
  // In the order they were added (the last one is the one a refusal names), each checked
  // box kept while it fits with the ones before it.
  const ticked = alsoBoxes.filter((box) => box.checked).map((box) => box.value);
  const wanted = [...state.also.filter((code) => ticked.includes(code)), ...ticked.filter((code) => !state.also.includes(code))];
  state.also = [];
  for (const code of wanted) {
    const fits = code !== state.service && state.also.length < MAX_SERVICES - 1
      && eligibleTogether(kinds(), SERVICE[code].eligibility);
    if (fits) state.also.push(code);
  }
  for (const box of alsoBoxes) {
    box.closest("[data-also]").hidden = box.value === state.service;
    box.checked = state.also.includes(box.value);
  }
  const full = state.also.length >= MAX_SERVICES - 1;
  for (const box of alsoBoxes) {
    box.disabled = !box.checked && (full || !eligibleTogether(kinds(), SERVICE[box.value].eligibility));
  }
  $("also-choices").hidden = false;
  say($("also-status"), full ? text("also.limit") : "");

  const chain = services();
  $("chain-summary").hidden = !isChain();
  for (const panel of document.querySelectorAll("[data-documents-for]")) {
    panel.hidden = isChain() || panel.dataset.documentsFor !== state.service;
  }
  if (isChain()) {
    $("chain-order").replaceChildren(...chain.map((code) => element("li", {}, SERVICE[code].name)));
    $("chain-documents").replaceChildren(...chainPapers().map((paper) => element("li", {}, paper)));
  }
  // Residence and visa services are for foreign nationals, who book with a passport.
  setIdentityType(form, chainEligibility(kinds()) === "foreigner" ? "passport" : "national_id");
  // What "any office near me" does with several services, said where the way is chosen.
  $("mode-request-chain").hidden = !isChain();
}

/** The papers every service of the trip needs, each once (the page's own lists, as rendered). */
function chainPapers() {
  return mergeDocuments(services().map((code) => [...document.querySelectorAll(`[data-documents-for="${code}"] li`)]
    .map((item) => item.textContent.trim())));
}

/** The offices that offer every service asked for; how many, once known. */
function loadOffices() {
  state.together = null;
  return offices.load(services()).then(() => {
    state.together = offices.offices.length;
  });
}

/** A service added or taken off the trip: the offices and times again; a chosen office that
 *  does not offer the new service is unchosen, saying so. */
async function chooseAlso() {
  const office = state.office;
  showAlso();
  state.slot = null;
  clearProblems();
  changed();
  state.offices = loadOffices();
  state.reach = request.load(services()); // a request's offices, too, offer them all
  await state.offices;
  changed();
  const missing = office && missingAt(office, services());
  if (state.together === 0) {
    showProblems(problems("service"), "service");
  } else if (missing) {
    const lacks = text("error.office_lacks", { office: pick(office, "name"), service: SERVICE[missing].name });
    showProblems([["also-choices", lacks]], "service");
  }
}

function chooseMode(input) {
  state.mode = input.value;
  clearProblems();
  changed();
}

async function submit(event) {
  event.preventDefault();
  // Enter in a field of an earlier step goes on to the next step, as its Continue does.
  const within = flow.stepOf(document.activeElement);
  if (within && within !== "review") {
    flow.next(within);
    return;
  }
  clearProblems();
  $("recover-offer").hidden = true;
  // Every answer again: a wide screen lets steps be skipped.
  const found = flow.path().flatMap((step) => problems(step));
  if (found.length) return showProblems(found);
  if (state.mode === "request") return submitRequest();

  const who = applicant(form);
  busy(submitButton, true, text("book.submitting"));
  try {
    // One service as before; several as one trip, in the order the office serves them.
    const body = { ...servicesAsked(services()), office_id: state.office.id, start: state.slot.start, ...who, lang };
    if (party.count > 1) {
      // Several people: the applicant first, then each other person, in place of one identity.
      body.people = [{ identity: who.identity, full_name: who.full_name }, ...party.people()];
      delete body.identity;
      delete body.full_name;
    }
    const answer = await sendWithProofOfWork(
      (altcha) => api("/api/v1/bookings", { method: "POST", body: { ...body, altcha } }),
      { office: state.office.id, checking: checking("book.submitting") },
    );
    // In a new day's first minutes the answer is an entry into its draw (202), not a booking;
    // when mobiles are verified it is a hold (202) until the code texted to the mobile is typed.
    if (answer.request_id) await requestSent(answer);
    else if (answer.hold_id) verify(answer, who.identity.number);
    else confirm(answer, who.identity.number);
  } catch (error) {
    const field = party.fieldOf(error.problem?.person) ?? refusedField(error);
    if (field) showProblems([[field, error.message]]);
    else if (isChain() && CHAIN_REFUSED.has(error.code)) {
      showProblems([["also-choices", error.message]], flow.paged ? "service" : "review");
    } else if (SLOT_GONE.has(error.code)) {
      // The time went meanwhile: the summary leads back to the days, which are asked again.
      showProblems([["book-days", error.message]], flow.paged ? "time" : "review");
      state.times = picker.reload();
    } else {
      refuse(error.message);
      if (error.code === "duplicate_booking") offerRecovery(who);
    }
  } finally {
    busy(submitButton, false);
  }
}

async function submitRequest() {
  busy(submitButton, true, text("request.submitting"));
  try {
    const who = applicant(form);
    const sent = await sendWithProofOfWork((altcha) => request.send(services(), who, altcha), {
      checking: checking("request.submitting"),
    });
    await requestSent(sent);
  } catch (error) {
    const field = refusedField(error, REQUEST_FIELD_OF);
    if (field) showProblems([[field, error.message]]);
    else refuse(error.message);
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

/** A refusal about no one field: at the top of the review, where the button is. */
function refuse(message) {
  showProblems([[null, message]], "review");
}

/** The code box in place of the form; the form comes back as it was typed on "back" or when
 *  the hold ran out (saying so). */
function verify(hold, identityNumber) {
  $("booking-flow").hidden = true;
  openCodeBox(hold, {
    onConfirmed: (answer) => (answer.request_id ? requestSent(answer) : confirm(answer, identityNumber)),
    onBack: ({ expired, message } = {}) => {
      $("booking-flow").hidden = false;
      if (expired) refuse(message || text("code.expired"));
      else focusOn(submitButton);
    },
  });
}

/** Done: the address forgets the steps, and what identifies the person leaves the page. */
function finished() {
  flow.finish();
  for (const id of PERSONAL) $(id).value = "";
  party.resize(1, { quiet: true }); // the other people's names and numbers leave the page too
}

function confirm(booking, identityNumber) {
  remember(booking); // the code only: Reload, Back or a closed tab no longer lose it
  $("last-booking").hidden = true;
  $("booking-flow").hidden = true;
  const done = $("confirmation");
  showBookingCard(done.querySelector("[data-card-slot]"), booking, identityNumber);
  $("manage-link").href = `/my-booking?code=${encodeURIComponent(booking.code)}`;
  finished();
  done.hidden = false;
  window.scrollTo({ top: 0 });
  $("confirmation-title").focus();
}

async function requestSent(answer) {
  $("last-booking").hidden = true;
  await showRequestConfirmation(answer);
  finished();
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

/** Check the choice with ``value`` among ``root``'s inputs as a click would; whether it was there. */
function choose(root, value) {
  const input = [...root.querySelectorAll("input")].find((candidate) => candidate.value === value && !candidate.disabled);
  if (!input) return false;
  input.checked = true;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  return true;
}

function select(id, value) {
  const box = $(id);
  if (value === undefined || value === null || ![...box.options].some((option) => option.value === value)) return;
  box.value = value;
  box.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The answers a history entry kept (Reload, or Back into this page), put back in order: each
 *  waits for the offices or times it chooses among. */
async function restore(saved) {
  const service = form.querySelector('input[name="service"]:checked'); // ?service=, or the browser's
  if (service && saved?.also) for (const box of alsoBoxes) box.checked = saved.also.includes(box.value);
  if (service) chooseService(service);
  if (!saved || !state.service) return;
  if (saved.mode && choose($("step-mode"), saved.mode)) state.mode = saved.mode;
  if (state.mode === "direct") {
    $("governorate").value = saved.governorate ?? "";
    await state.offices;
    if (!saved.office || !choose($("office-list"), saved.office)) return;
    await state.times;
    if (saved.day && choose($("book-days"), saved.day) && saved.start) choose($("book-times"), saved.start);
    return;
  }
  await state.reach;
  const { reach = {}, window: days = {} } = saved;
  select("reach-radius", reach.radius);
  select("reach-filter", reach.filter);
  if (reach.kind && reach.kind !== "near") choose($("reach-kinds"), reach.kind);
  select("reach-governorate", reach.governorate);
  for (const office of reach.offices ?? []) choose($("reach-list"), office);
  select("window_from", days.from);
  select("window_to", days.to);
  choose($("step-window"), days.band ?? "");
}

offerLastBooking();
for (const input of form.querySelectorAll('input[name="service"]')) {
  input.addEventListener("change", () => chooseService(input));
}
for (const box of alsoBoxes) box.addEventListener("change", () => chooseAlso());
for (const input of form.querySelectorAll('input[name="mode"]')) {
  input.addEventListener("change", () => chooseMode(input));
}
for (const input of form.querySelectorAll('input[name="identity_type"]')) {
  input.addEventListener("change", () => setIdentityType(form, input.value));
}
form.addEventListener("input", () => fillReview()); // on a wide screen the review is in view
form.addEventListener("submit", submit);
for (const id of ["book-days", "book-times"]) $(id).setAttribute("aria-describedby", `${id}-error`);

const restoredMode = form.querySelector('input[name="mode"]:checked');
if (restoredMode) state.mode = restoredMode.value;
flow.render();
restore(history.state?.kept).finally(() => flow.start(new URLSearchParams(window.location.search).get("step")));
