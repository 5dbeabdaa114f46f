// The kiosk (/offices/{office_id}/kiosk): one question per screen, big targets, and back to
// the start (and to Arabic) once a citizen has their ticket or walks away.
//
//   login (staff, once) → start → check-in (booking code: keys, typing or QR) ─┐
//                               → walk-in (service)                          ─┼→ ticket (printed) → start
//                               → reprint → by booking code / by ticket number ┘
//                               → called while away → by ticket number (parked) ┘
//   ticket → "text me when I'm close" (mobile, people ahead) → ticket → start
//
// On every screen but the login: larger text and spoken prompts (lib/kiosk-access.js), kept
// until the visit ends.

import { KioskAccess, spokenText, spokenWords } from "../lib/kiosk-access.js";
import { fillTicket, printOfIssued, printOfReprint } from "../lib/kiosk-ticket.js";
import { QrScanner, canScan, codeFromQr } from "../lib/kiosk-scan.js";
import { recoverCodes } from "../lib/recover-code.js";
import { StaffSession, askToLogIn, wireLoginForm } from "../lib/staff-session.js";
import {
  $,
  busy,
  clearFieldErrors,
  digits,
  focusOn,
  lang,
  minutes,
  pageData,
  say,
  showFieldError,
  text,
  westernDigits,
} from "../lib/ui.js";

const data = pageData("kiosk-data");
const officeId = data.office_id;
const TICKET_SHOWN_MS = 12_000; // long enough to read the number, short enough for the next person
const IDLE_MS = 60_000; // a citizen who walked away mid-way leaves the kiosk ready for the next
const CODE_LENGTH = 8;
const ticketsPath = `/api/v1/offices/${encodeURIComponent(officeId)}/tickets`;

const session = new StaffSession(`mawid.kiosk.${officeId}`, (user) =>
  user.role === "admin" || (user.role === "kiosk" && user.offices.includes(officeId)) ? null : "login.kiosk_role",
);
const access = new KioskAccess(`mawid.kiosk.${officeId}.access`, lang, { large: $("large-text"), voice: $("read-aloud") });
const codeInput = $("booking_code");
const scanner = new QrScanner($("scanner-video"));
let current = "";
let idleTimer = null;
let finishTimer = null;

// -- screens --------------------------------------------------------------------------------

const HEADINGS = {
  login: "login-title", start: "start-title", "check-in": "check-in-title", "walk-in": "walk-in-title",
  recover: "recover-title", reprint: "reprint-title", "reprint-code": "reprint-code-title",
  "reprint-number": "reprint-number-title", ticket: "ticket-notice", "back-number": "back-number-title",
  "heads-up": "heads-up-title",
};
const MID_VISIT = new Set([
  "check-in", "walk-in", "recover", "reprint", "reprint-code", "reprint-number", "back-number", "heads-up",
]);
const FORMS = [
  "check-in-form", "walk-in-form", "kiosk-recover-form", "reprint-code-form", "reprint-number-form",
  "back-number-form", "heads-up-form",
];
let lastTicketId = null; // the ticket just printed, for "text me when I'm close"

/** Show ``screen``; with spoken prompts on, say ``opening`` and then what the screen marks
 *  ``data-spoken``. */
function show(screen, opening = "") {
  current = screen;
  for (const section of document.querySelectorAll(".kiosk-screen")) section.hidden = section.id !== `screen-${screen}`;
  document.querySelector(".kiosk-tools").hidden = screen === "login";
  if (screen !== "check-in") stopScanning();
  if (screen !== "login") {
    focusOn($(HEADINGS[screen]));
    access.say(opening, spokenText($(`screen-${screen}`)));
  }
  if (screen === "walk-in") showWaits();
  stillHere();
}

access.onVoiceOn = () => access.say(text("kiosk.voice_on"), spokenText($(`screen-${current}`)));

/** Show a message in a box (or clear it) and, with spoken prompts on, say it. */
function tell(box, message) {
  say(box, message);
  if (message) access.say(message);
}

function resetForms() {
  say($("recover-done"), "");
  say($("heads-up-done"), "");
  for (const id of FORMS) {
    const form = $(id);
    form.reset();
    clearFieldErrors(form);
    say(form.querySelector(".error-summary"), "");
  }
}

/** A citizen is done: clean up for the next one, who is greeted in Arabic first, in ordinary
 *  text and silence. */
function finishVisit() {
  clearTimeout(finishTimer);
  resetForms();
  access.forget();
  if (lang !== "ar") {
    location.replace(`${location.pathname}?lang=ar`);
    return;
  }
  show("start");
}

function stillHere() {
  clearTimeout(idleTimer);
  if (MID_VISIT.has(current)) idleTimer = setTimeout(finishVisit, IDLE_MS);
}

for (const button of document.querySelectorAll("[data-go]")) {
  button.addEventListener("click", () => {
    const target = button.dataset.go;
    if (target === "start" && (current === "ticket" || current === "heads-up")) finishVisit();
    else {
      if (target === "heads-up") clearTimeout(finishTimer); // the citizen is still here
      if (target === "start") resetForms();
      show(target);
    }
  });
}
for (const type of ["pointerdown", "keydown", "input"]) document.addEventListener(type, stillHere, { passive: true });

// A choice said back to the citizen who made it (with spoken prompts on).
document.addEventListener("change", (event) => {
  const choice = event.target.closest?.(".kiosk-option");
  if (choice) access.say(spokenWords(choice));
});

// -- issuing a ticket, and printing one again -----------------------------------------------

function priorityNames() {
  const names = {};
  for (const input of $("walk-in-form").querySelectorAll('input[name="priority"]')) {
    names[input.value] = input.closest("label").textContent.trim();
  }
  return names;
}

/** POST ``body`` to ``path`` for ``form``; a refusal is said in the form's error box. */
async function ask(form, path, body) {
  const errorBox = form.querySelector(".error-summary");
  const button = form.querySelector('[type="submit"]');
  say(errorBox, "");
  busy(button, true, text("loading"));
  try {
    return await session.call(path, { method: "POST", body });
  } catch (error) {
    if (error.status !== 401) {
      tell(errorBox, error.message);
      focusOn(errorBox);
    }
    return null;
  } finally {
    busy(button, false);
  }
}

async function issue(form, body) {
  const issued = await ask(form, ticketsPath, body);
  if (issued) showTicket(printOfIssued(issued), "kiosk.printing");
}

async function reprint(form, body) {
  const again = await ask(form, `${ticketsPath}/reprint`, body);
  if (again) showTicket(printOfReprint(again), "kiosk.reprinting");
}

/** A parked ticket's holder is back: the ticket waits again and is printed anew. */
async function backInLine(form, body) {
  const back = await ask(form, `${ticketsPath}/back`, body);
  if (back) showTicket(printOfIssued(back), "kiosk.back_in_line");
}

function showTicket(print, notice) {
  lastTicketId = print.status_url ? print.ticket_id : null; // a reprint names no ticket
  $("heads-up-start").hidden = !lastTicketId;
  fillTicket(print, data.office_name, priorityNames());
  say($("ticket-notice"), text(notice));
  show("ticket", `${text(notice)} ${text("kiosk.your_number", { number: digits(print.number) })}`);
  const countdown = document.querySelector(".kiosk-countdown span");
  countdown.style.animationDuration = `${TICKET_SHOWN_MS}ms`;
  countdown.classList.remove("running");
  void countdown.offsetWidth; // restart the animation
  countdown.classList.add("running");
  // A kiosk runs Chromium with --kiosk-printing, so this prints at once without a dialog.
  window.print();
  clearTimeout(finishTimer);
  finishTimer = setTimeout(finishVisit, TICKET_SHOWN_MS);
}

// -- typing on the screen's keys ------------------------------------------------------------

function cleanCode(raw) {
  return westernDigits(raw).toUpperCase();
}

for (const input of [codeInput, $("reprint_code")]) {
  input.addEventListener("input", () => {
    const cleaned = cleanCode(input.value);
    if (cleaned !== input.value) input.value = cleaned;
  });
}

for (const key of document.querySelectorAll(".keypad [data-key]")) {
  key.addEventListener("click", () => {
    const input = $(key.closest(".keypad").dataset.for);
    const value = input.value;
    if (key.dataset.key === "delete") input.value = value.slice(0, -1);
    else if (key.dataset.key === "clear") input.value = "";
    else if (value.length < CODE_LENGTH) input.value = value + key.dataset.key;
    clearFieldErrors(input.form);
  });
}

/** The booking code typed in ``input``, or null after saying what is wrong with it. */
function typedCode(input) {
  clearFieldErrors(input.form);
  const code = cleanCode(input.value);
  if (code.length === CODE_LENGTH) return code;
  const message = code ? text("error.code") : text("error.required");
  showFieldError(input.id, message);
  access.say(message);
  focusOn(input);
  return null;
}

// -- check-in -------------------------------------------------------------------------------

function checkIn() {
  const form = $("check-in-form");
  const code = typedCode(codeInput);
  if (code) issue(form, { booking_code: code, priority: form.elements.priority.value });
}

$("check-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  checkIn();
});

// -- a lost code, texted again -----------------------------------------------------------------

let digitTarget = $("kiosk_national_id");
for (const input of [$("kiosk_national_id"), $("kiosk_phone")]) {
  input.addEventListener("focus", () => {
    digitTarget = input;
  });
  input.addEventListener("input", () => {
    input.value = westernDigits(input.value).replace(/\D/g, "");
  });
}
for (const key of document.querySelectorAll("#kiosk-recover-form .digit-keypad [data-digit]")) {
  key.addEventListener("click", () => {
    const value = digitTarget.value;
    if (key.dataset.digit === "delete") digitTarget.value = value.slice(0, -1);
    else if (key.dataset.digit === "clear") digitTarget.value = "";
    else if (value.length < Number(digitTarget.maxLength)) digitTarget.value = value + key.dataset.digit;
    if (digitTarget === $("kiosk_national_id") && digitTarget.value.length === 14) $("kiosk_phone").focus();
    clearFieldErrors($("kiosk-recover-form"));
  });
}

async function recover() {
  const form = $("kiosk-recover-form");
  const errorBox = $("kiosk-recover-error");
  clearFieldErrors(form);
  say(errorBox, "");
  const number = $("kiosk_national_id").value;
  const phone = $("kiosk_phone").value;
  const errors = [];
  if (!/^[23]\d{13}$/.test(number)) errors.push(["kiosk_national_id", text(number ? "error.nid_digits" : "error.required")]);
  if (!/^01[0125]\d{8}$/.test(phone)) errors.push(["kiosk_phone", text(phone ? "error.phone" : "error.required")]);
  if (errors.length) {
    for (const [id, message] of errors) showFieldError(id, message);
    access.say(errors[0][1]);
    focusOn($(errors[0][0]));
    return;
  }
  const button = form.querySelector('[type="submit"]');
  busy(button, true, text("loading"));
  try {
    await recoverCodes({ type: "national_id", number }, phone);
    form.reset();
    show("check-in");
    tell($("recover-done"), text("kiosk.recover_sent"));
  } catch (error) {
    tell(errorBox, error.message);
    focusOn(errorBox);
  } finally {
    busy(button, false);
  }
}

$("kiosk-recover-form").addEventListener("submit", (event) => {
  event.preventDefault();
  recover();
});

// -- a lost ticket, printed again ---------------------------------------------------------------

$("reprint-code-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const code = typedCode($("reprint_code"));
  if (code) reprint(event.currentTarget, { booking_code: code });
});

// The number as printed: the service's letter, a dash, the digits ("P-017"); a new letter
// starts the number again. Two forms ask for one: a lost ticket's reprint, and a parked
// ticket's holder coming back.
const NUMBER = /^[A-Z]-\d{1,4}$/;

for (const form of document.querySelectorAll(".kiosk-number-form")) {
  const numberInput = form.querySelector(".kiosk-number");
  numberInput.addEventListener("input", () => {
    const typed = westernDigits(numberInput.value).toUpperCase().replace(/[^A-Z0-9]/g, "");
    const found = /^([A-Z])(\d{0,4})/.exec(typed);
    numberInput.value = found ? `${found[1]}-${found[2]}` : typed.replace(/\D/g, "");
  });
  for (const key of form.querySelectorAll(".prefix-keys [data-prefix]")) {
    key.addEventListener("click", () => {
      numberInput.value = `${key.dataset.prefix}-`;
      clearFieldErrors(form);
    });
  }
  for (const key of form.querySelectorAll(".digit-keypad [data-digit]")) {
    key.addEventListener("click", () => {
      const value = numberInput.value;
      if (key.dataset.digit === "delete") numberInput.value = value.endsWith("-") ? "" : value.slice(0, -1);
      else if (key.dataset.digit === "clear") numberInput.value = "";
      else if (/^[A-Z]-\d{0,3}$/.test(value)) numberInput.value = value + key.dataset.digit;
      clearFieldErrors(form);
    });
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const number = numberInput.value.trim();
    if (!NUMBER.test(number)) {
      const message = number ? text("error.ticket_number") : text("error.required");
      showFieldError(numberInput.id, message);
      access.say(message);
      focusOn(numberInput);
      return;
    }
    if (form.id === "back-number-form") backInLine(form, { number });
    else reprint(form, { number });
  });
}

// -- "text me when I'm close" ----------------------------------------------------------------

const headsUpPhone = $("heads_up_phone");
headsUpPhone.addEventListener("input", () => {
  headsUpPhone.value = westernDigits(headsUpPhone.value).replace(/\D/g, "");
});
for (const key of document.querySelectorAll("#heads-up-form .digit-keypad [data-digit]")) {
  key.addEventListener("click", () => {
    const value = headsUpPhone.value;
    if (key.dataset.digit === "delete") headsUpPhone.value = value.slice(0, -1);
    else if (key.dataset.digit === "clear") headsUpPhone.value = "";
    else if (value.length < Number(headsUpPhone.maxLength)) headsUpPhone.value = value + key.dataset.digit;
    clearFieldErrors($("heads-up-form"));
  });
}

$("heads-up-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  clearFieldErrors(form);
  const phone = headsUpPhone.value;
  if (!/^01[0125]\d{8}$/.test(phone)) {
    const message = text(phone ? "error.phone" : "error.required");
    showFieldError("heads_up_phone", message);
    access.say(message);
    focusOn(headsUpPhone);
    return;
  }
  if (!lastTicketId) return;
  const ahead = Number(form.elements.ahead.value) || null;
  const asked = await ask(form, `${ticketsPath}/${encodeURIComponent(lastTicketId)}/heads-up`, { phone, ahead, lang });
  if (!asked) return;
  form.reset();
  show("ticket");
  $("heads-up-start").hidden = true;
  tell($("heads-up-done"), text("kiosk.heads_up_done", { last4: digits(asked.phone_last4) }));
  clearTimeout(finishTimer);
  finishTimer = setTimeout(finishVisit, TICKET_SHOWN_MS);
});

// -- scanning the confirmation's QR code ----------------------------------------------------

function stopScanning() {
  scanner.stop();
  document.querySelector(".scanner").hidden = true;
  $("scan-start").hidden = false;
}

async function startScanning() {
  document.querySelector(".scanner").hidden = false;
  $("scan-start").hidden = true;
  tell($("scan-status"), text("kiosk.scan_hint"));
  try {
    await scanner.start((raw) => {
      const code = cleanCode(codeFromQr(raw));
      if (code.length !== CODE_LENGTH) return false;
      codeInput.value = code;
      stopScanning();
      checkIn();
      return true;
    });
  } catch {
    stopScanning();
    tell($("check-in-error"), text("kiosk.scan_failed"));
  }
}

if (canScan()) {
  document.querySelector(".kiosk-scan").hidden = false;
  $("scan-start").addEventListener("click", startScanning);
  $("scan-stop").addEventListener("click", stopScanning);
}

// -- walk-in --------------------------------------------------------------------------------

/** How many wait for each service and for how long, read once each time the screen opens; a
 *  service no open counter serves says so rather than show no figure. */
async function showWaits() {
  let board;
  try {
    const response = await fetch(`/api/v1/offices/${encodeURIComponent(officeId)}/queue`);
    if (!response.ok) return;
    board = await response.json();
  } catch {
    return; // the waits are a courtesy; the ticket will say
  }
  for (const slot of document.querySelectorAll("[data-waiting-for]")) {
    const code = slot.dataset.waitingFor;
    const estimate = board.estimates[code];
    const parts = [text("kiosk.waiting", { n: board.waiting[code] ?? 0 })];
    if (estimate === null) parts.push(text("kiosk.no_counter_open"));
    else if (estimate) parts.push(text("ticket.about", { duration: minutes(estimate) }));
    slot.textContent = parts.join(" · ");
  }
}

$("walk-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const service = form.elements.service.value;
  if (!service) {
    const errorBox = $("walk-in-error");
    tell(errorBox, text("error.choose_service"));
    focusOn(errorBox);
    return;
  }
  issue(form, { service, priority: form.elements.priority.value });
});

// -- start ----------------------------------------------------------------------------------

session.onExpired = () => {
  show("login");
  askToLogIn(text("login.expired"));
};
wireLoginForm(session, () => show("start"));
if (session.user) show("start");
else {
  show("login");
  askToLogIn();
}
