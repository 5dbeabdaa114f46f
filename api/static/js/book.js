// The booking page (/): service → office → day and time → details → confirmation.
// Each step opens when the one before it has an answer; changing an earlier answer clears what
// depended on it. Client checks only catch typos early; the server's refusal is what we show.

import { api } from "./api.js";
import { showBookingCard } from "./booking-card.js";
import { OfficeChooser } from "./offices.js";
import { SlotPicker } from "./slot-picker.js";
import {
  busy, clearFieldErrors, focusOn, formatWhen, lang, pick, say, showFieldError, text, westernDigits,
} from "./ui.js";

const $ = (id) => document.getElementById(id);
const form = $("booking-form");
const steps = { office: $("step-office"), time: $("step-time"), details: $("step-details") };
const formError = $("form-error");
const state = { service: null, serviceName: "", office: null, slot: null, detailsOpened: false };

// Which field a refusal from the server is about.
const FIELD_OF = {
  invalid_national_id: "national_id",
  invalid_passport: "passport_number",
  invalid_nationality: "nationality",
  invalid_name: "full_name",
  invalid_phone: "phone",
  invalid_email: "email",
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

// A step opens below the one being answered, without taking focus: arrow keys move through a
// radio group and fire a change at every press, and focus must not jump away in between.
function show(step, visible) {
  step.hidden = !visible;
}

function refresh() {
  show(steps.office, Boolean(state.service));
  show(steps.time, Boolean(state.service && state.office));
  show(steps.details, Boolean(state.service && state.office && state.detailsOpened));
  $("review-service").textContent = state.serviceName || "—";
  $("review-office").textContent = state.office ? pick(state.office, "name") : "—";
  $("review-when").textContent = state.slot ? formatWhen(state.slot.start) : "—";
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
  setIdentityType(input.dataset.eligibility === "foreigner" ? "passport" : "national_id");
  state.slot = null;
  refresh();
  offices.load(input.value);
}

function identityType() {
  return form.querySelector('input[name="identity_type"]:checked').value;
}

function setIdentityType(type) {
  form.querySelector(`input[name="identity_type"][value="${type}"]`).checked = true;
  for (const block of form.querySelectorAll("[data-identity]")) block.hidden = block.dataset.identity !== type;
}

/** Catch what is plainly mistyped before asking the server; returns the fields in error. */
function check() {
  const errors = [];
  const fail = (id, key) => errors.push([id, text(key)]);
  if (identityType() === "national_id") {
    const nid = westernDigits($("national_id").value);
    if (!nid) fail("national_id", "error.required");
    else if (!/^[23]\d{13}$/.test(nid)) fail("national_id", "error.nid_digits");
  } else {
    const passport = westernDigits($("passport_number").value).toUpperCase();
    if (!passport) fail("passport_number", "error.required");
    else if (!/^[A-Z0-9]{6,12}$/.test(passport)) fail("passport_number", "error.passport");
    if (!$("nationality").value) fail("nationality", "error.required");
  }
  const name = $("full_name").value.trim();
  if (!name) fail("full_name", "error.required");
  else if (name.length < 3) fail("full_name", "error.name");
  const phone = westernDigits($("phone").value).replace(/[()]/g, "");
  if (!phone) fail("phone", "error.required");
  else if (!/^(\+20|0020|0)?1[0125]\d{8}$/.test(phone)) fail("phone", "error.phone");
  return errors;
}

function identity() {
  if (identityType() === "national_id") return { type: "national_id", number: westernDigits($("national_id").value) };
  return {
    type: "passport",
    number: westernDigits($("passport_number").value).toUpperCase(),
    nationality: $("nationality").value,
  };
}

function showErrors(errors) {
  for (const [id, message] of errors) showFieldError(id, message);
  say(formError, text("error.form"));
  $(errors[0][0]).focus();
}

async function submit(event) {
  event.preventDefault();
  clearFieldErrors(form);
  say(formError, "");
  if (!state.slot) {
    say(formError, text("error.choose_time"));
    focusOn(formError);
    return;
  }
  const errors = check();
  if (errors.length) return showErrors(errors);

  const who = identity();
  const button = $("submit-booking");
  busy(button, true, text("book.submitting"));
  try {
    const booking = await api("/api/v1/bookings", {
      method: "POST",
      body: {
        service: state.service,
        office_id: state.office.id,
        start: state.slot.start,
        identity: who,
        full_name: $("full_name").value.trim(),
        phone: westernDigits($("phone").value),
        email: $("email").value.trim() || null,
        lang,
      },
    });
    confirm(booking, who.number);
  } catch (error) {
    refused(error);
  } finally {
    busy(button, false);
  }
}

function refused(error) {
  const field = FIELD_OF[error.code];
  if (field) {
    showErrors([[field, error.message]]);
    return;
  }
  say(formError, error.message);
  focusOn(formError);
  if (SLOT_GONE.has(error.code)) picker.reload();
}

function confirm(booking, identityNumber) {
  $("booking-flow").hidden = true;
  const done = $("confirmation");
  showBookingCard(done.querySelector("[data-card-slot]"), booking, identityNumber);
  $("manage-link").href = `/my-booking?code=${encodeURIComponent(booking.code)}`;
  done.hidden = false;
  window.scrollTo({ top: 0 });
  $("confirmation-title").focus();
}

for (const input of form.querySelectorAll('input[name="service"]')) {
  input.addEventListener("change", () => chooseService(input));
}
for (const input of form.querySelectorAll('input[name="identity_type"]')) {
  input.addEventListener("change", () => setIdentityType(input.value));
}
form.addEventListener("submit", submit);
// A page restored from history may have a service already checked.
const restored = form.querySelector('input[name="service"]:checked');
if (restored) chooseService(restored);
