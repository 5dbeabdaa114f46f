// The clerk's desk (/staff/desk): log in, then book for a citizen in one form, top to bottom:
// office, how the citizen asked (at the desk or by phone), service, day, a free time (the seats
// kept for clerks and seniors' hours included), the citizen's identity, name and mobile. The
// booking is made at once (POST /api/v1/assisted/bookings); the citizen is texted as online.

import { api } from "../lib/api.js";
import { StaffSession, askToLogIn, wireLoginForm } from "../lib/staff-session.js";
import { $, busy, digits, element, focusOn, formatTime, formatWhen, pick, say, text } from "../lib/ui.js";

const session = new StaffSession("mawid.desk", (user) =>
  ["clerk", "admin"].includes(user.role) ? null : "desk.role",
);
const form = $("book-form");
let offices = [];
let catalogue = {};

function show(screen) {
  for (const section of document.querySelectorAll(".console-screen")) section.hidden = section.id !== `screen-${screen}`;
}

function tomorrow() {
  const day = new Date(Date.now() + 86_400_000);
  return day.toISOString().slice(0, 10);
}

function office() {
  return offices.find((one) => one.id === $("office").value);
}

function fillServices() {
  const bookable = (office()?.services ?? []).filter((code) => catalogue[code] && !catalogue[code].walk_in_only);
  $("service").replaceChildren(...bookable.map((code) => element("option", { value: code }, pick(catalogue[code], "name"))));
  $("time-list").replaceChildren();
}

function timeChoice(slot) {
  const input = element("input", { type: "radio", name: "start", value: slot.start, disabled: slot.remaining < 1 });
  const meta = [text("desk.left", { n: slot.remaining })];
  if (slot.seniors_only) meta.push(text("desk.seniors"));
  return element("label", { className: "choice" }, input,
    element("span", { className: "choice-body" },
      element("span", { className: "choice-title" }, formatTime(slot.start)),
      element("span", { className: "choice-meta" }, meta.join(" · "))));
}

async function showTimes() {
  const list = $("time-list");
  const empty = $("times-empty");
  say($("book-error"), "");
  list.replaceChildren();
  const day = $("day").value;
  const params = new URLSearchParams({ service: $("service").value, from: day, to: day });
  try {
    const found = await session.call(`/api/v1/assisted/offices/${encodeURIComponent($("office").value)}/availability?${params}`);
    const slots = found.days[0]?.slots ?? [];
    list.replaceChildren(...slots.map(timeChoice));
    say(empty, slots.some((slot) => slot.remaining > 0) ? "" : text("desk.no_times"));
    list.querySelector("input:not([disabled])")?.focus();
  } catch (error) {
    if (error.status !== 401) say($("book-error"), error.message);
  }
}

async function book(event) {
  event.preventDefault();
  const errorBox = $("book-error");
  say(errorBox, "");
  const start = form.querySelector('input[name="start"]:checked')?.value;
  if (!start) {
    say(errorBox, text("desk.choose_time"));
    focusOn(errorBox);
    return;
  }
  const type = $("identity-type").value;
  const identity = { type, number: $("number").value.trim() };
  if (type === "passport") identity.nationality = $("nationality").value.trim().toUpperCase();
  const body = {
    service: $("service").value,
    office_id: $("office").value,
    start,
    channel: form.querySelector('input[name="channel"]:checked').value,
    identity,
    full_name: $("full_name").value,
    phone: $("phone").value.trim(),
    lang: $("lang").value,
  };
  const button = $("book");
  busy(button, true, text("desk.busy"));
  try {
    const booking = await session.call("/api/v1/assisted/bookings", { method: "POST", body });
    say($("done-text"), text("desk.done", {
      code: booking.code,
      service: pick(catalogue[booking.service], "name"),
      office: pick(office(), "name"),
      when: formatWhen(booking.start),
      phone: digits(booking.phone),
    }));
    show("done");
    focusOn($("done-title"));
  } catch (error) {
    if (error.status === 401) return;
    say(errorBox, error.message);
    focusOn(errorBox);
  } finally {
    busy(button, false);
  }
}

async function start() {
  const user = session.user;
  if (!user) {
    show("login");
    askToLogIn();
    return;
  }
  catalogue = Object.fromEntries((await api("/api/v1/services")).map((service) => [service.code, service]));
  const all = await api("/api/v1/offices");
  offices = user.role === "admin" ? all : all.filter((one) => user.offices.includes(one.id));
  $("office").replaceChildren(...offices.map((one) => element("option", { value: one.id }, pick(one, "name"))));
  fillServices();
  $("day").value ||= tomorrow();
  show("book");
  focusOn($("book-title"));
}

function another() {
  for (const id of ["number", "nationality", "full_name", "phone"]) $(id).value = "";
  $("time-list").replaceChildren();
  show("book");
  showTimes();
}

function logOut() {
  session.logOut();
  show("login");
  askToLogIn();
}

session.onExpired = () => {
  show("login");
  askToLogIn(text("login.expired"));
};
wireLoginForm(session, start);
$("office").addEventListener("change", fillServices);
$("service").addEventListener("change", () => $("time-list").replaceChildren());
$("day").addEventListener("change", () => $("time-list").replaceChildren());
$("show-times").addEventListener("click", showTimes);
$("identity-type").addEventListener("change", () => {
  $("nationality-field").hidden = $("identity-type").value !== "passport";
});
form.addEventListener("submit", book);
$("another").addEventListener("click", another);
for (const button of document.querySelectorAll('[data-action="logout"]')) button.addEventListener("click", logOut);
start();
