// The kiosk (/offices/{office_id}/kiosk): one question per screen, big targets, and back to
// the start (and to Arabic) once a citizen has their ticket or walks away.
//
//   login (staff, once) → start → check-in (booking code: keys, typing or QR) ─┐
//                               → walk-in (service)                          ─┴→ ticket (printed) → start

import { fillTicket } from "../lib/kiosk-ticket.js";
import { QrScanner, canScan, codeFromQr } from "../lib/kiosk-scan.js";
import { recoverCodes } from "../lib/recover-code.js";
import { StaffSession, askToLogIn, wireLoginForm } from "../lib/staff-session.js";
import {
  $,
  busy,
  clearFieldErrors,
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
const codeInput = $("booking_code");
const scanner = new QrScanner($("scanner-video"));
let current = "";
let idleTimer = null;
let finishTimer = null;

// -- screens --------------------------------------------------------------------------------

const HEADINGS = {
  login: "login-title", start: "start-title", "check-in": "check-in-title", "walk-in": "walk-in-title",
  recover: "recover-title", ticket: "ticket-notice",
};

function show(screen) {
  current = screen;
  for (const section of document.querySelectorAll(".kiosk-screen")) section.hidden = section.id !== `screen-${screen}`;
  if (screen !== "check-in") stopScanning();
  if (screen !== "login") focusOn($(HEADINGS[screen]));
  if (screen === "walk-in") showWaits();
  stillHere();
}

function resetForms() {
  say($("recover-done"), "");
  for (const form of [$("check-in-form"), $("walk-in-form"), $("kiosk-recover-form")]) {
    form.reset();
    clearFieldErrors(form);
    say(form.querySelector(".error-summary"), "");
  }
}

/** A citizen is done: clean up for the next one, who is greeted in Arabic first. */
function finishVisit() {
  clearTimeout(finishTimer);
  resetForms();
  if (lang !== "ar") {
    location.replace(`${location.pathname}?lang=ar`);
    return;
  }
  show("start");
}

function stillHere() {
  clearTimeout(idleTimer);
  if (current === "check-in" || current === "walk-in" || current === "recover") idleTimer = setTimeout(finishVisit, IDLE_MS);
}

for (const button of document.querySelectorAll("[data-go]")) {
  button.addEventListener("click", () => {
    const target = button.dataset.go;
    if (target === "start" && current === "ticket") finishVisit();
    else {
      if (target === "start") resetForms();
      show(target);
    }
  });
}
for (const type of ["pointerdown", "keydown", "input"]) document.addEventListener(type, stillHere, { passive: true });

// -- issuing a ticket -----------------------------------------------------------------------

function priorityNames() {
  const names = {};
  for (const input of $("walk-in-form").querySelectorAll('input[name="priority"]')) {
    names[input.value] = input.closest("label").textContent.trim();
  }
  return names;
}

async function issue(form, body) {
  const errorBox = form.querySelector(".error-summary");
  const button = form.querySelector('[type="submit"]');
  say(errorBox, "");
  busy(button, true, text("loading"));
  try {
    const issued = await session.call(ticketsPath, { method: "POST", body });
    showTicket(issued);
  } catch (error) {
    if (error.status !== 401) {
      say(errorBox, error.message);
      focusOn(errorBox);
    }
  } finally {
    busy(button, false);
  }
}

function showTicket(issued) {
  fillTicket(issued, data.office_name, priorityNames());
  say($("ticket-notice"), text("kiosk.printing"));
  show("ticket");
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

// -- check-in -------------------------------------------------------------------------------

function cleanCode(raw) {
  return westernDigits(raw).toUpperCase();
}

codeInput.addEventListener("input", () => {
  const cleaned = cleanCode(codeInput.value);
  if (cleaned !== codeInput.value) codeInput.value = cleaned;
});

for (const key of document.querySelectorAll(".keypad [data-key]")) {
  key.addEventListener("click", () => {
    const value = codeInput.value;
    if (key.dataset.key === "delete") codeInput.value = value.slice(0, -1);
    else if (key.dataset.key === "clear") codeInput.value = "";
    else if (value.length < CODE_LENGTH) codeInput.value = value + key.dataset.key;
    clearFieldErrors($("check-in-form"));
  });
}

function checkIn() {
  const form = $("check-in-form");
  clearFieldErrors(form);
  const code = cleanCode(codeInput.value);
  if (code.length !== CODE_LENGTH) {
    showFieldError("booking_code", code ? text("error.code") : text("error.required"));
    focusOn(codeInput);
    return;
  }
  issue(form, { booking_code: code, priority: form.elements.priority.value });
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
for (const key of document.querySelectorAll(".digit-keypad [data-digit]")) {
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
    focusOn($(errors[0][0]));
    return;
  }
  const button = form.querySelector('[type="submit"]');
  busy(button, true, text("loading"));
  try {
    await recoverCodes({ type: "national_id", number }, phone);
    form.reset();
    show("check-in");
    say($("recover-done"), text("kiosk.recover_sent"));
  } catch (error) {
    say(errorBox, error.message);
    focusOn(errorBox);
  } finally {
    busy(button, false);
  }
}

$("kiosk-recover-form").addEventListener("submit", (event) => {
  event.preventDefault();
  recover();
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
  say($("scan-status"), text("kiosk.scan_hint"));
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
    say($("check-in-error"), text("kiosk.scan_failed"));
  }
}

if (canScan()) {
  document.querySelector(".kiosk-scan").hidden = false;
  $("scan-start").addEventListener("click", startScanning);
  $("scan-stop").addEventListener("click", stopScanning);
}

// -- walk-in --------------------------------------------------------------------------------

/** How many wait for each service and for how long, read once each time the screen opens. */
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
    if (estimate) parts.push(text("ticket.about", { duration: minutes(estimate) }));
    slot.textContent = parts.join(" · ");
  }
}

$("walk-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const service = form.elements.service.value;
  if (!service) {
    const errorBox = $("walk-in-error");
    say(errorBox, text("error.choose_service"));
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
