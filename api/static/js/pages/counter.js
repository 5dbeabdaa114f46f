// The counter console (/staff/counter): log in, choose the desk (office and counter), then work
// it. The desk chosen is kept in the tab's sessionStorage beside the token, so a reload comes
// straight back to it, with the ticket that is at the counter (GET …/counters/{id}).

import { api } from "../lib/api.js";
import { chooseDesk } from "../lib/counter-setup.js";
import { Desk, shortcutFor } from "../lib/counter-desk.js";
import { StaffSession, askToLogIn, wireLoginForm } from "../lib/staff-session.js";
import { $, focusOn, pageData, say, text } from "../lib/ui.js";

const data = pageData("counter-data");
const DESK_KEY = "mawid.counter.desk";
const session = new StaffSession("mawid.counter", (user) =>
  ["agent", "manager", "admin"].includes(user.role) ? null : "login.counter_role",
);
let catalogue = null;
let desk = null;

function show(screen) {
  for (const section of document.querySelectorAll(".console-screen")) section.hidden = section.id !== `screen-${screen}`;
}

function rememberedDesk() {
  try {
    return JSON.parse(sessionStorage.getItem(DESK_KEY) || "null");
  } catch {
    return null;
  }
}

async function services() {
  catalogue ??= Object.fromEntries((await api("/api/v1/services")).map((service) => [service.code, service]));
  return catalogue;
}

async function setUp() {
  desk?.close();
  desk = null;
  show("setup");
  try {
    await chooseDesk(session, await services(), rememberedDesk(), (chosen) => {
      sessionStorage.setItem(DESK_KEY, JSON.stringify(chosen));
      work(chosen);
    });
  } catch (error) {
    if (error.status !== 401) say($("setup-error"), error.message);
  }
}

async function work(chosen) {
  desk?.close();
  desk = new Desk(session, chosen, await services(), data);
  show("desk");
  say($("desk-notice"), "");
  say($("desk-error"), "");
  try {
    await desk.open();
    focusOn($("desk-title"));
  } catch (error) {
    if (error.status === 401) return;
    sessionStorage.removeItem(DESK_KEY); // a counter that is gone or not ours: choose again
    await setUp();
    say($("setup-error"), error.message);
  }
}

function logOut() {
  desk?.close();
  desk = null;
  session.logOut();
  sessionStorage.removeItem(DESK_KEY); // the next clerk chooses their own
  show("login");
  askToLogIn();
}

// -- wiring ---------------------------------------------------------------------------------

for (const button of document.querySelectorAll('[data-action="logout"]')) button.addEventListener("click", logOut);
document.querySelector('[data-action="change"]').addEventListener("click", setUp);
for (const button of document.querySelectorAll(".desk-actions [data-action]")) {
  button.addEventListener("click", () => desk?.act(button.dataset.action));
}
for (const button of document.querySelectorAll("[data-set-status]")) {
  button.addEventListener("click", () => desk?.setStatus(button.dataset.setStatus));
}
$("no-show-undo").addEventListener("click", () => desk?.undoNoShow());
document.addEventListener("keydown", (event) => {
  if (!desk || $("screen-desk").hidden) return;
  if (event.key === "Escape" && desk.pending) {
    event.preventDefault();
    desk.undoNoShow();
    return;
  }
  const action = shortcutFor(event);
  if (!action) return;
  event.preventDefault();
  document.querySelector(`.desk-actions [data-action="${action}"]`).click(); // a disabled button ignores it
});

session.onExpired = () => {
  desk?.close();
  desk = null;
  show("login");
  askToLogIn(text("login.expired"));
};

function begin() {
  const remembered = rememberedDesk();
  if (remembered) work(remembered);
  else setUp();
}

wireLoginForm(session, begin);
if (session.user) begin();
else {
  show("login");
  askToLogIn();
}
