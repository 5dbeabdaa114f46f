// Following a flexible request (/my-request): find it by its number and the identity number,
// then see where it stands — waiting (and what happens next, or withdraw it), booked (the
// booking itself, as after a direct booking), no time found (why, and a way to book directly),
// or withdrawn.

import { api } from "../lib/api.js";
import { showBookingCard } from "../lib/booking-card.js";
import { officesFor } from "../lib/offices.js";
import { batchNote, drawNote, rememberedRequest, requestCard } from "../lib/request-card.js";
import {
  $,
  busy,
  clearFieldErrors,
  focusOn,
  lang,
  say,
  showFieldError,
  text,
  westernDigits,
} from "../lib/ui.js";

const form = $("request-lookup");
const view = $("request-view");
const notice = $("request-notice");
const lookupError = $("lookup-error");
const dialog = $("withdraw-dialog");
let reference = "";
let identity = "";
let shownStatus = null;

const OLD_ID = /^[0-9a-f]{32}$/; // what requests were shown by before they had codes
const CODE = /^[0-9A-HJKMNP-TV-Z]{8}$/; // booking.codes: Crockford base32

/** What people paste or type (spaces, dashes, either case, Arabic-Indic digits, O for 0, I or L
 *  for 1) as the request's code, or an old request's 32-hex id; "" when it can be neither. */
function cleanReference(raw) {
  const compact = westernDigits(raw);
  if (OLD_ID.test(compact.toLowerCase())) return compact.toLowerCase();
  const code = compact.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  return CODE.test(code) ? code : "";
}

function path() {
  return `/api/v1/booking-requests/${encodeURIComponent(reference)}`;
}

/** Show ``request``: its state first (with what the citizen can do), then what was asked. Focus
 *  goes to ``message`` when there is one, else to the state's heading. */
async function show(request, message = "") {
  let offices = [];
  try {
    offices = await officesFor(request.service);
  } catch {
    // the card names the offices by id instead
  }
  view.querySelector("[data-request-slot]").replaceChildren(requestCard(request, { offices }));
  let state = null;
  for (const section of view.querySelectorAll("[data-state]")) {
    section.hidden = section.dataset.state !== request.status;
    if (!section.hidden) state = section;
  }
  const draw = drawNote(request, "request.draw_pending");
  $("next-pending-batch").hidden = Boolean(draw);
  $("next-pending-draw").hidden = !draw;
  $("next-pending-draw").textContent = draw;
  say($("next-pending-when"), batchNote(request));
  if (request.status === "assigned" && request.booking) {
    showBookingCard(view.querySelector("[data-card-slot]"), request.booking, identity);
    $("manage-booking").href = `/my-booking?code=${encodeURIComponent(request.booking.code)}`;
  }
  if (request.status === "unassigned") {
    const reason = (lang === "ar" ? request.reason_detail_ar : request.reason_detail) || request.reason || "";
    $("unassigned-reason").textContent = text("request.unassigned", { reason });
  }
  for (const link of view.querySelectorAll("[data-book-link]")) {
    link.href = `/?service=${encodeURIComponent(request.service)}`;
  }
  shownStatus = request.status;
  reference = request.code; // what the page shows is what it asks by from now on
  view.hidden = false;
  say(notice, message);
  focusOn(message ? notice : state?.querySelector(".state-heading"));
}

async function fetchAndShow(message = "") {
  await show(await api(path(), { identity }), message);
}

/** Look again; say so when nothing has changed, or the page would seem not to have listened. */
async function refreshStatus() {
  const button = $("request-refresh");
  busy(button, true, text("loading"));
  try {
    const request = await api(path(), { identity });
    await show(request, request.status === shownStatus ? text("request.unchanged") : "");
  } catch (error) {
    failed(error);
  } finally {
    busy(button, false);
  }
}

async function lookUp(event) {
  event.preventDefault();
  clearFieldErrors(form);
  say(lookupError, "");
  const typed = $("request_id").value.trim();
  const id = cleanReference(typed);
  const number = westernDigits($("identity_number").value);
  const errors = [];
  if (!typed) errors.push(["request_id", text("error.required")]);
  else if (!id) errors.push(["request_id", text("error.request_id")]);
  if (!number) errors.push(["identity_number", text("error.required")]);
  if (errors.length) {
    for (const [field, message] of errors) showFieldError(field, message);
    $(errors[0][0]).focus();
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  busy(button, true, text("loading"));
  try {
    reference = id;
    identity = number;
    await fetchAndShow();
  } catch (error) {
    failed(error);
  } finally {
    busy(button, false);
  }
}

function failed(error) {
  view.hidden = true;
  say(lookupError, error.message);
  focusOn(lookupError);
}

async function withdraw() {
  try {
    await show(await api(path(), { method: "DELETE", identity }));
  } catch (error) {
    // Placed by a batch meanwhile (request_not_changeable): show where it stands now, and why.
    try {
      await fetchAndShow(error.message);
    } catch (again) {
      failed(again);
    }
  }
}

// The status page offers the code of the last request sent from this device, if any.
function offerRemembered() {
  const field = $("request_id");
  const remembered = rememberedRequest();
  if (field.value || !remembered) return;
  field.value = remembered;
  say($("request_id-remembered"), text("request.remembered"));
}

form.addEventListener("submit", lookUp);
form.querySelector('button[type="submit"]').disabled = false; // the form is ours now
$("request-refresh").addEventListener("click", refreshStatus);
$("withdraw-open").addEventListener("click", () => dialog.showModal());
dialog.addEventListener("close", () => {
  if (dialog.returnValue === "withdraw") withdraw();
  dialog.returnValue = "";
});
offerRemembered();
if ($("request_id").value) $("identity_number").focus();
