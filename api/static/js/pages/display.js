// The hall's call display: follows the office's display feed (display-feed.js) from the seq of
// the board the server rendered, keeps the board true, and on each live call shows it big and
// has it announced (display-voice.js). When the link dies the screen says so: a stale board
// never passes for a live one.

import { followDisplayFeed } from "../lib/display-feed.js";
import { announcer, offerSound } from "../lib/display-voice.js";
import { officeTime } from "../lib/format.js";
import { $, digits, minutes as minutesIn, pageData } from "../lib/ui.js";

const data = pageData("display-data");
const body = document.body;
const RECENT = 10;
const BANNER_MS = 6000;
const FRESH_CALL_MS = 30_000;

const state = {
  seq: data.board.seq,
  serving: data.board.serving,
  recent: data.board.recent,
  waiting: data.board.waiting,
  estimates: data.board.estimates,
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

function estimateFields(minutes) {
  if (minutes === null || minutes === undefined) return { "estimate-ar": "—", "estimate-en": "" };
  if (minutes === 0) return { "estimate-ar": "بلا انتظار", "estimate-en": "no wait" };
  return { "estimate-ar": `≈ ${minutesIn(minutes, "ar")}`, "estimate-en": `≈ ${minutes} min` };
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

function renderWaiting() {
  const list = document.querySelector('[data-list="waiting"]');
  const codes = [...new Set([...Object.keys(data.services), ...Object.keys(state.waiting)])];
  list.replaceChildren(
    ...codes.map((code) => {
      const count = state.waiting[code] ?? 0;
      const minutes = state.estimates[code];
      const row = fromTemplate("waiting-row", {
        "service-ar": serviceName(code, "ar"),
        "service-en": serviceName(code, "en"),
        "count-ar": digits(count),
        "count-en": String(count),
        ...estimateFields(minutes),
      });
      row.dataset.service = code;
      return row;
    }),
  );
}

function renderAll() {
  renderServing();
  renderRecent();
  renderWaiting();
}

function setConnection(connection) {
  if (body.dataset.connection === connection) return;
  body.dataset.connection = connection;
  const words = {
    connecting: ["جارٍ الاتصال…", "Connecting…"],
    live: ["مباشر", "Live"],
    stale: ["غير متصل", "Disconnected"],
  }[connection];
  document.querySelector('[data-connection-text="ar"]').textContent = words[0];
  document.querySelector('[data-connection-text="en"]').textContent = words[1];
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
      });
      renderAll();
      return;
    case "called":
      state.serving = [...state.serving.filter((e) => e.counter !== message.counter), calledEntry(message)];
      state.recent = [calledEntry(message), ...state.recent].slice(0, RECENT);
      renderServing();
      renderRecent();
      announceIfFresh(message);
      return;
    case "recalled":
      announceIfFresh(message);
      return;
    case "cleared":
      state.serving = state.serving.filter((e) => !(e.number === message.number && e.counter === message.counter));
      renderServing();
      return;
    case "queue":
      state.waiting = message.waiting;
      if (message.estimates) state.estimates = message.estimates;
      renderWaiting();
      return;
    case "counter":
      if (message.estimates) {
        state.estimates = message.estimates;
        renderWaiting();
      }
      return;
    default:
      return; // an event type this page does not know yet: its seq still counts
  }
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

window.mawidDisplay = { state, announced: [] };
offerSound(document.querySelector(".sound-button"));
renderAll();
tickClock();
setInterval(tickClock, 1000);
followDisplayFeed(data.office_id, {
  seq: state.seq,
  pingSeconds: data.ping_seconds,
  onMessage: receive,
  onConnection: setConnection,
  onPing: (at) => (serverOffsetMs = Date.parse(at) - Date.now()),
});
