// A ticket's live page (/t/{id}?k=…) on the citizen's phone: the server rendered the ticket as it
// stood; this follows the office's display feed (lib/display-feed.js, as the hall's screens do)
// and asks for the ticket's status again after each change in the hall. While the feed is down
// it says so and asks every half minute instead, so a phone on a poor link still moves on.
// Small on purpose: no framework, one request per change in the hall, nothing kept.

import { api } from "../lib/api.js";
import { followDisplayFeed } from "../lib/display-feed.js";
import { $, digits, formatTime, minutes, pageData, text } from "../lib/ui.js";

const data = pageData("ticket-data");
const statusPath = `/api/v1/tickets/${encodeURIComponent(data.ticket_id)}/status?k=${encodeURIComponent(data.key)}`;
const POLL_MS = 30_000;
const FINISHED = new Set(["done", "no_show"]);

function headline(status) {
  const counter = digits(status.counter ?? "");
  if (status.status === "called" || status.status === "serving") return text(`live.${status.status}`, { counter });
  if (status.status === "parked") return text("live.parked", { time: formatTime(status.parked_until) });
  if (FINISHED.has(status.status)) return text(`live.${status.status}`);
  return text("live.waiting");
}

function waitLine(status) {
  const wait = status.wait;
  if (!wait) return "";
  if (wait.basis === "appointment" && wait.turn_at) return text("live.at_your_time", { time: formatTime(wait.turn_at) });
  if (wait.minutes === null || wait.minutes === undefined) return text("live.unknown");
  if (wait.minutes === 0) return text("live.no_wait");
  return text("live.about", { duration: minutes(wait.minutes) });
}

function show(status) {
  const line = $("live-status");
  const said = headline(status);
  if (line.textContent !== said) line.textContent = said;
  line.dataset.status = status.status;
  $("live-number").textContent = digits(status.number);
  $("live-position-row").hidden = status.position === null;
  $("live-position").textContent = status.position === null ? "" : digits(String(status.position));
  const wait = waitLine(status);
  $("live-wait-row").hidden = !wait;
  $("live-wait").textContent = wait;
  $("heads-up-form").hidden = status.status !== "waiting";
}

let asking = null;
let again = false;

/** Ask for the status; changes that come while a request is out make one more request after. */
async function refresh() {
  if (asking) {
    again = true;
    return;
  }
  asking = api(statusPath).then(show).catch(() => {});
  await asking;
  asking = null;
  if (again) {
    again = false;
    refresh();
  }
}

let polling = null;
const stop = followDisplayFeed(data.office_id, {
  pingSeconds: data.ping_seconds,
  onMessage: (message, replaying) => {
    if (!replaying || message.type === "snapshot") refresh();
  },
  onConnection: (state) => {
    document.body.dataset.connection = state;
    $("live-stale").hidden = state !== "stale";
    clearInterval(polling);
    polling = state === "stale" ? setInterval(refresh, POLL_MS) : null;
  },
});

// A finished ticket has nothing more to follow.
new MutationObserver(() => {
  if (FINISHED.has($("live-status").dataset.status)) stop();
}).observe($("live-status"), { attributes: true, attributeFilter: ["data-status"] });

$("heads-up-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const error = $("heads-up-error");
  error.hidden = true;
  try {
    const answer = await api(`/api/v1/tickets/${encodeURIComponent(data.ticket_id)}/heads-up?k=${encodeURIComponent(data.key)}`, {
      method: "POST",
      body: { phone: form.phone.value, ahead: Number(form.ahead.value) || null },
    });
    $("heads-up-done").textContent = text("live.heads_up_done", { last4: digits(answer.phone_last4) });
    $("heads-up-done").hidden = false;
    form.dataset.done = "1";
    for (const field of form.querySelectorAll(".field, button, #heads-up-intro")) field.hidden = true;
  } catch (refused) {
    error.textContent = refused.message;
    error.hidden = false;
    error.focus();
  }
});
