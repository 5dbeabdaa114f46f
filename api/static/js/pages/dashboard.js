// The manager's dashboard (/staff/dashboard): log in, choose one of one's offices, and see its
// queue and today's figures, the load of all one's offices, its closures and counters, a simulated
// day (with what-if changes), and the optimiser's plans and runs.
//
// The office shown is in the address (?office=…), so a link or a reload shows the same one. An
// office that is not the manager's is refused by every manager endpoint (403); the page then
// says so, in its language, and shows none of that office's data (not even its public queue).

import { api } from "../lib/api.js";
import { AuditLog } from "../lib/dashboard-audit.js";
import { Brokered } from "../lib/dashboard-brokered.js";
import { Capacity } from "../lib/dashboard-capacity.js";
import { LiveOffice } from "../lib/dashboard-live.js";
import { LoadMap } from "../lib/dashboard-load.js";
import { Optimiser } from "../lib/dashboard-optimiser.js";
import { Plans } from "../lib/dashboard-rebalance.js";
import { Satisfaction } from "../lib/dashboard-satisfaction.js";
import { HeadsUpUptake } from "../lib/dashboard-heads-up.js";
import { NoShows } from "../lib/dashboard-noshow.js";
import { Simulation } from "../lib/dashboard-simulation.js";
import { StaffSession, askToLogIn, wireLoginForm } from "../lib/staff-session.js";
import { $, element, focusOn, pageData, pick, say, text } from "../lib/ui.js";

const data = pageData("dashboard-data");
const session = new StaffSession("mawid.dashboard", (user) =>
  ["manager", "admin"].includes(user.role) ? null : "login.manager_role",
);

let directory = null; // every office by id, from the public list
const live = new LiveOffice(session, data);
const load = new LoadMap(session, data);
const plans = new Plans(session, data, {
  officeName,
  onApplied: () => {
    $("close-result").hidden = true; // its "bookings no longer fit" is answered now
    load.refresh();
  },
});
const capacity = new Capacity(session, data, {
  onChanged: () => load.refresh(),
  onOverbooked: (day) => {
    plans.preview(day);
    $("rebalance").scrollIntoView({ block: "start" });
  },
});
const optimiser = new Optimiser(session, data, { officeName, onDone: () => load.refresh() });
const brokered = new Brokered(session);
const audit = new AuditLog(session);
const satisfaction = new Satisfaction(session, data);
const headsUps = new HeadsUpUptake(session);
const noShows = new NoShows(session, data);
const simulation = new Simulation(session, data);

function officeName(id) {
  return directory?.[id] ? pick(directory[id], "name") : id;
}

function show(screen) {
  for (const section of document.querySelectorAll(".console-screen")) section.hidden = section.id !== `screen-${screen}`;
}

/** The offices this manager may work in; an administrator may work in every one. */
function ownOffices(user) {
  const all = Object.values(directory);
  return user.role === "admin" ? all : all.filter((office) => user.offices.includes(office.id));
}

function officeInAddress() {
  return new URLSearchParams(location.search).get("office");
}

function rememberOffice(id) {
  const url = new URL(location.href);
  url.searchParams.set("office", id);
  history.replaceState(null, "", url);
  // The language switch keeps the address's other parameters, so it keeps the office too.
  const other = document.querySelector(".lang-switch");
  const switchUrl = new URL(other.href, location.href);
  switchUrl.searchParams.set("office", id);
  other.href = `${switchUrl.pathname}${switchUrl.search}`;
}

async function showOffice(id) {
  rememberOffice(id);
  $("office").value = id;
  $("dash-title").textContent = officeName(id);
  say($("dash-error"), "");
  const panels = document.querySelectorAll("[data-office-panels]");
  const screen = $("screen-dashboard");
  delete screen.dataset.shown; // set again once every panel shows this office
  plans.setOffice(id);
  try {
    const office = await api(`/api/v1/offices/${encodeURIComponent(id)}`);
    await live.open(office); // the statistics call refuses an office that is not the manager's
    for (const panel of panels) panel.hidden = false;
    await capacity.open(office);
    simulation.open(office);
    await satisfaction.show(id);
    await headsUps.show(id);
    await noShows.show(id);
    await brokered.show(id);
    await audit.show(id);
    if ($("office").value === id) screen.dataset.shown = id;
  } catch (error) {
    live.close();
    if (error.status === 401) return;
    for (const panel of panels) panel.hidden = true;
    say($("dash-error"), error.message);
    focusOn($("dash-error"));
  }
}

async function begin() {
  show("dashboard");
  const user = session.user;
  $("dash-error").hidden = true;
  try {
    directory ??= Object.fromEntries((await api("/api/v1/offices")).map((office) => [office.id, office]));
  } catch (error) {
    say($("dash-error"), error.message);
    return;
  }
  const own = ownOffices(user);
  const asked = officeInAddress();
  const chosen = asked || own[0]?.id;
  const listed = own.some((office) => office.id === chosen) || !chosen ? own : [...own, { id: chosen }];
  $("office").replaceChildren(...listed.map((office) => element("option", { value: office.id }, officeName(office.id))));
  document.querySelector('[data-field="user"]').textContent = text(
    user.role === "admin" ? "dash.signed_in_admin" : "dash.signed_in", { user: user.username });
  // An administrator's heatmap shows the office in hand; a manager's, every office of theirs.
  const mapped = user.role === "admin" ? [{ id: chosen }] : own;
  load.show(mapped.map((office) => ({ id: office.id, name: officeName(office.id) })));
  optimiser.setOffices(own.map((office) => ({ id: office.id, name: officeName(office.id) })),
    user.role === "admin" ? [chosen] : own.map((office) => office.id));
  optimiser.resume();
  if (chosen) await showOffice(chosen);
  focusOn($("dash-title"));
}

function logOut() {
  live.close();
  optimiser.stop();
  simulation.stop();
  session.logOut();
  sessionStorage.removeItem("mawid.dashboard.job");
  show("login");
  askToLogIn();
}

$("office").addEventListener("change", () => {
  const id = $("office").value;
  if (session.user?.role === "admin") load.show([{ id, name: officeName(id) }]);
  showOffice(id);
});
document.querySelector('[data-action="logout"]').addEventListener("click", logOut);

session.onExpired = () => {
  live.close();
  optimiser.stop();
  simulation.stop();
  show("login");
  askToLogIn(text("login.expired"));
};

wireLoginForm(session, begin);
if (session.user) begin();
else {
  show("login");
  askToLogIn();
}
