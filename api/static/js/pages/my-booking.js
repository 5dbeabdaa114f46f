// My booking (/my-booking): find a booking by code and identity number, then cancel it (after
// a confirmation dialog) or move it to another time, at its office or another one offering the
// service. A cancelled or missed booking offers to book the service again instead.
// A booking of several services (one trip) shows each visit with its time; cancelling and moving
// take the whole trip, to offices that offer every one of its services (lib/chain.js).

import { api } from "../lib/api.js";
import { showBookingCard } from "../lib/booking-card.js";
import { bookAgainHref } from "../lib/chain.js";
import { forget, recall, remember } from "../lib/last-booking.js";
import { OfficeChooser } from "../lib/offices.js";
import { SlotPicker } from "../lib/slot-picker.js";
import { setUpRecovery } from "../lib/recover-code.js";
import {
  $, busy, clearFieldErrors, focusOn, formatWhen, pick, say, showFieldError, text, westernDigits,
} from "../lib/ui.js";

const form = $("lookup-form");
const view = $("booking-view");
const notice = $("booking-notice");
const dialog = $("cancel-dialog");
const moving = $("reschedule");
const moveError = $("reschedule-error");
let booking = null;
let identity = "";
let picker = null;
let chooser = null;
let moveTo = null; // the office chosen to move to
const cancelBody = $("cancel-body").textContent; // for one service; a trip's says "all its services"
// Why a booking no longer ahead offers a new one ("book again"), by its status.
const AGAIN = { cancelled: "my.again_cancelled", no_show: "my.again_no_show" };

function cleanCode(raw) {
  return westernDigits(raw).toUpperCase();
}

/** The booking's services in the order served (one, unless it is a trip of several). */
function servicesOf(found) {
  return found.visits?.length ? found.visits.map((visit) => visit.service) : [found.service];
}

function path() {
  return `/api/v1/bookings/${encodeURIComponent(booking.code)}`;
}

/** What the office did to the booking, when and why, or "" when it did nothing. */
function officeChange(found) {
  const change = found.office_change;
  if (!change) return "";
  const key = found.status === "cancelled" ? "my.office_cancelled" : "my.office_moved";
  return text(key, { when: formatWhen(change.at), why: pick(change, "why") });
}

function show(found, message = "") {
  booking = found;
  message = message || officeChange(found);
  const onRemove = booking.status === "confirmed" ? removePerson : null;
  showBookingCard(view.querySelector("[data-card-slot]"), booking, identity, { onRemove });
  $("booking-actions").hidden = booking.status !== "confirmed";
  const again = AGAIN[booking.status];
  $("book-again").hidden = !again;
  const chain = servicesOf(booking).length > 1;
  if (again) {
    $("book-again-why").textContent = chain ? `${text(again)} ${text("my.again_chain")}` : text(again);
    // The booking page opens with the services chosen (it takes no office from the address).
    $("book-again-link").href = bookAgainHref(servicesOf(booking));
  }
  $("cancel-body").textContent = chain ? text("my.cancel_chain") : cancelBody;
  say($("reschedule-chain"), chain ? text("my.reschedule_chain") : "");
  moving.hidden = true;
  view.hidden = false;
  say(notice, message);
  if (message) focusOn(notice);
}

async function lookUp(event) {
  event.preventDefault();
  clearFieldErrors(form);
  say($("lookup-error"), "");
  const code = cleanCode($("code").value);
  const number = westernDigits($("identity_number").value);
  const errors = [];
  if (!code) errors.push(["code", text("error.required")]);
  else if (code.length !== 8) errors.push(["code", text("error.code")]);
  if (!number) errors.push(["identity_number", text("error.required")]);
  if (errors.length) {
    for (const [id, message] of errors) showFieldError(id, message);
    $(errors[0][0]).focus();
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  busy(button, true, text("loading"));
  try {
    identity = number;
    show(await api(`/api/v1/bookings/${encodeURIComponent(code)}`, { identity }));
    focusOn(view.querySelector(".booking-card"));
  } catch (error) {
    view.hidden = true;
    say($("lookup-error"), error.message);
    focusOn($("lookup-error"));
  } finally {
    busy(button, false);
  }
}

/** Take one person off a booking for several people: their seat is freed, the others keep theirs. */
async function removePerson(person) {
  try {
    const changed = await api(`${path()}/people/${person.position}`, { method: "DELETE", identity });
    show(changed, text("party.removed", { name: person.full_name }));
  } catch (error) {
    say(notice, "");
    say($("lookup-error"), error.message);
    focusOn($("lookup-error"));
  }
}

async function cancel() {
  try {
    show(await api(path(), { method: "DELETE", identity }), text("my.cancelled"));
    forget(booking.code);
  } catch (error) {
    say(notice, "");
    say($("lookup-error"), error.message);
    focusOn($("lookup-error"));
  }
}

/** The times of ``office``, once chosen (none shown while no office is). */
function moveToOffice(office) {
  moveTo = office;
  $("move-picker").hidden = !office;
  if (!office) return;
  say(moveError, "");
  // Offering the current time at the current office as a "new" one would be a trap.
  picker.skip = office.id === booking.office_id ? booking.start : null;
  picker.load(office.id, servicesOf(booking), booking.headcount ?? 1); // a party moves whole
}

async function openReschedule() {
  say(moveError, "");
  moving.hidden = false;
  picker ??= new SlotPicker($("move-picker"), { draws: false });
  chooser ??= OfficeChooser.on("move-", moveToOffice);
  focusOn($("reschedule-title"));
  await chooser.load(servicesOf(booking));
  chooser.choose(booking.office_id); // the booking's own office, unless the citizen picks another
}

async function reschedule() {
  say(moveError, "");
  const slot = moveTo ? picker?.selected : null;
  if (!slot) {
    say(moveError, text(moveTo ? "error.choose_time" : "error.choose_office"));
    focusOn(moveError);
    return;
  }
  const button = $("reschedule-submit");
  busy(button, true, text("loading"));
  try {
    const body = { start: slot.start, office_id: moveTo.id };
    const moved = await api(`${path()}/reschedule`, { method: "POST", identity, body });
    show(moved, text("my.rescheduled"));
    if (recall()?.code === moved.code) remember(moved);
  } catch (error) {
    say(moveError, error.message);
    focusOn(moveError);
    picker.reload();
  } finally {
    busy(button, false);
  }
}

form.addEventListener("submit", lookUp);
setUpRecovery();
form.querySelector('button[type="submit"]').disabled = false; // the form is ours now
$("cancel-open").addEventListener("click", () => dialog.showModal());
dialog.addEventListener("close", () => {
  if (dialog.returnValue === "cancel") cancel();
  dialog.returnValue = "";
});
$("reschedule-open").addEventListener("click", openReschedule);
$("reschedule-keep").addEventListener("click", () => {
  moving.hidden = true;
  $("reschedule-open").focus();
});
$("reschedule-submit").addEventListener("click", reschedule);
// The booking made on this device, when the address names none (lib/last-booking.js).
if (!$("code").value) $("code").value = recall()?.code ?? "";
if ($("code").value) $("identity_number").focus();
