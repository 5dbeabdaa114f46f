// The hall's call display: follows the office's display feed (display-feed.js) from the seq of
// the board the server rendered, keeps the board true, and on each live call shows it big and
// has it announced (display-voice.js). When the link dies the screen says so: a stale board
// never passes for a live one. A table longer than its panel turns pages (display-pager.js)
// rather than losing its last rows below the edge of the TV.

import { waitWords } from "../lib/display-board.js";
import { followDisplayFeed } from "../lib/display-feed.js";
import { Pager } from "../lib/display-pager.js";
import { announcer, offerSound, soundState } from "../lib/display-voice.js";
import { officeTime } from "../lib/format.js";
import { $, digits, pageData } from "../lib/ui.js";

const data = pageData("display-data");
const words = data.words;
const body = document.body;
const RECENT = 10;
const BANNER_MS = 6000;
const FRESH_CALL_MS = 30_000;
const PAGE_MS = 8000;

const state = {
  seq: data.board.seq,
  serving: data.board.serving,
  recent: data.board.recent,
  waiting: data.board.waiting,
  estimates: data.board.estimates,
  unserved: data.board.unserved,
  openServices: data.board.open_services,
  parked: data.board.parked ?? [],
};
let serverOffsetMs = Date.parse(data.server_now) - Date.now();
let replaying = true;

// -- what the screen shows ------------------------------------------------------------------

function fill(node, fields) {
  for (const [name, value] of Object.entries(fields)) {
    for (const target of node.querySelectorAll(`[data-field="${name}"]`)) target.textContent = value;
  }
  return node;
}

function fromTemplate(id, fields) {
  const node = $(id).content.firstElementChild.cloneNode(true);
  return fill(node, fields);
}

function serviceName(code, lang) {
  return data.services[code]?.[lang] ?? code;
}


function numberFields(number) {
  return { "number-ar": digits(number), "number-en": number };
}

function counterFields(counter) {
  return { "counter-ar": digits(counter), "counter-en": counter };
}

function renderServing() {
  const list = document.querySelector('[data-list="serving"]');
  list.replaceChildren(
    ...state.serving.map((entry) => {
      const row = fromTemplate("serving-row", {
        ...numberFields(entry.number),
        ...counterFields(entry.counter),
        "service-ar": serviceName(entry.service, "ar"),
        "service-en": serviceName(entry.service, "en"),
      });
      row.dataset.counter = entry.counter;
      row.dataset.number = entry.number;
      return row;
    }),
  );
  document.querySelector('[data-empty="serving"]').hidden = state.serving.length > 0;
  pagers.serving.refresh();
}

function renderRecent() {
  const list = document.querySelector('[data-list="recent"]');
  list.replaceChildren(
    ...state.recent.slice(0, RECENT).map((entry) => {
      const item = fromTemplate("recent-item", { ...numberFields(entry.number), ...counterFields(entry.counter) });
      item.dataset.number = entry.number;
      return item;
    }),
  );
}

/** The numbers asked back to the kiosk: called while their holders were away (parked). */
function renderParked() {
  const list = document.querySelector('[data-list="parked"]');
  list.replaceChildren(
    ...state.parked.map((number) => {
      const item = fromTemplate("parked-item", numberFields(number));
      item.dataset.number = number;
      return item;
    }),
  );
  document.querySelector('[data-panel="parked"]').hidden = state.parked.length === 0;
}

function renderWaiting() {
  const list = document.querySelector('[data-list="waiting"]');
  const open = new Set(state.openServices);
  const codes = [...new Set([...data.service_order, ...Object.keys(state.waiting)])];
  list.replaceChildren(
    ...codes.map((code) => {
      const count = state.waiting[code] ?? 0;
      const wait = waitWords(count, state.estimates[code], open.has(code), words);
      const row = fromTemplate("waiting-row", {
        "service-ar": serviceName(code, "ar"),
        "service-en": serviceName(code, "en"),
        "count-ar": digits(count, "ar"),
        "count-en": String(count),
        "estimate-ar": wait.ar,
        "estimate-en": wait.en,
      });
      row.dataset.service = code;
      row.dataset.open = open.has(code) ? "yes" : "no";
      return row;
    }),
  );
  pagers.waiting.refresh();
}

function renderAll() {
  renderServing();
  renderRecent();
  renderWaiting();
  renderParked();
}

function setConnection(connection) {
  if (body.dataset.connection === connection) return;
  body.dataset.connection = connection;
  const said = words[`display.${connection}`];
  document.querySelector('[data-connection-text="ar"]').textContent = said.ar;
  document.querySelector('[data-connection-text="en"]').textContent = said.en;
  document.querySelector(".stale-banner").hidden = connection !== "stale";
}

function tickClock() {
  const now = new Date(Date.now() + serverOffsetMs);
  const options = { hour: "2-digit", minute: "2-digit" };
  document.querySelector('[data-clock="ar"]').textContent = officeTime(now, options, "ar");
  document.querySelector('[data-clock="en"]').textContent = officeTime(now, options, "en");
}

// -- the feed -------------------------------------------------------------------------------

function apply(message) {
  switch (message.type) {
    case "snapshot":
      Object.assign(state, {
        seq: message.seq,
        serving: message.serving,
        recent: message.recent,
        waiting: message.waiting,
        estimates: message.estimates,
        unserved: message.unserved ?? {},
        openServices: message.open_services ?? [],
        parked: message.parked ?? [],
      });
      renderAll();
      return;
    case "called":
      state.serving = [...state.serving.filter((e) => e.counter !== message.counter), calledEntry(message)];
      state.recent = [calledEntry(message), ...state.recent].slice(0, RECENT);
      renderServing();
      renderRecent();
      pagers.serving.reveal(document.querySelector(`.serving-row[data-counter="${CSS.escape(message.counter)}"]`));
      announceIfFresh(message);
      return;
    case "recalled":
      announceIfFresh(message);
      return;
    case "cleared":
      state.serving = state.serving.filter((e) => !(e.number === message.number && e.counter === message.counter));
      // Parked: asked back to the kiosk; any other clearing of that number (back in line, or
      // lapsed) takes it off the list.
      state.parked = state.parked.filter((number) => number !== message.number);
      if (message.status === "parked") state.parked = [...state.parked, message.number].sort();
      renderServing();
      renderParked();
      return;
    case "queue":
      state.waiting = message.waiting;
      liveFigures(message);
      renderWaiting();
      return;
    case "counter":
      if (liveFigures(message)) renderWaiting();
      return;
    default:
      return; // an event type this page does not know yet: its seq still counts
  }
}

/** The figures only live events carry (a replayed one has none, and the board keeps its own). */
function liveFigures(event) {
  if (event.estimates) state.estimates = event.estimates;
  if (event.unserved) state.unserved = event.unserved;
  if (event.open_services) state.openServices = event.open_services;
  return Boolean(event.estimates || event.open_services);
}

function calledEntry(event) {
  return { number: event.number, counter: event.counter, service: event.service, called_at: event.called_at };
}

function receive(message, isReplay) {
  replaying = isReplay;
  apply(message);
  state.seq = message.seq;
}

// -- the hall hears it ----------------------------------------------------------------------

const announce = announcer(showBanner);

function announceIfFresh(event) {
  // Calls replayed after a reconnection are shown, but only recent ones are spoken again.
  const age = Date.now() + serverOffsetMs - Date.parse(event.called_at);
  if (replaying && event.type === "called" && !(age < FRESH_CALL_MS)) return;
  window.mawidDisplay.announced.push(event.announce);
  announce(event);
}

let bannerTimer = null;

function showBanner(event) {
  const banner = document.querySelector(".call-banner");
  fill(banner, { ...numberFields(event.number), ...counterFields(event.counter) });
  banner.hidden = false;
  for (const row of document.querySelectorAll(`.serving-row[data-counter="${CSS.escape(event.counter)}"]`)) {
    row.classList.remove("flash");
    void row.offsetWidth; // restart the animation
    row.classList.add("flash");
  }
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => (banner.hidden = true), BANNER_MS);
}

// -- start ----------------------------------------------------------------------------------

const pagers = {
  serving: new Pager(
    document.querySelector(".panel-serving"), document.querySelector('[data-list="serving"]'),
    document.querySelector('[data-pages="serving"]'), PAGE_MS,
  ),
  waiting: new Pager(
    document.querySelector(".panel-waiting"), document.querySelector('[data-list="waiting"]'),
    document.querySelector('[data-pages="waiting"]'), PAGE_MS,
  ),
};

window.mawidDisplay = { state, announced: [], pagers, sound: soundState };
offerSound(document.querySelector(".sound-button"));
renderAll();
window.addEventListener("resize", () => Object.values(pagers).forEach((pager) => pager.refresh()));
document.fonts?.ready.then(() => Object.values(pagers).forEach((pager) => pager.refresh()));
tickClock();
setInterval(tickClock, 1000);
followDisplayFeed(data.office_id, {
  seq: state.seq,
  pingSeconds: data.ping_seconds,
  onMessage: receive,
  onConnection: setConnection,
  onPing: (at) => (serverOffsetMs = Date.parse(at) - Date.now()),
});
