// The office now, on the dashboard: its queue, live from the hall's display feed (waiting per
// service, who is at which counter), and today's figures from the manager's statistics endpoint
// (served, no-shows, average times, and since when the longest-waiting citizen has waited).
//
// The feed pushes every change, so nothing here polls for the queue. The figures are read once
// on opening, again shortly after the feed reports a change (a call ends someone's wait, a
// completion adds to "served"), and once a minute; between reads the longest wait keeps growing
// on the page's own clock, from the server's figure, never from the browser's date (a training
// server runs on a clock of its own).

import { followDisplayFeed } from "./display-feed.js";
import { NOTHING, count, dayLabel, duration, row } from "./dashboard-format.js";
import { $, digits, element, formatTime, number, text } from "./ui.js";

const REFRESH_AFTER_EVENT_MS = 700;
const REFRESH_EVERY_MS = 60_000;
const TICK_MS = 15_000;

function figure(name, value) {
  document.querySelector(`#screen-dashboard [data-figure="${name}"]`).textContent = value;
}

export class LiveOffice {
  constructor(session, data) {
    this.session = session;
    this.data = data;
    this.timers = [];
    this.stopFeed = null;
  }

  /** Follow ``office`` (the public office object); throws the API's refusal (403: not theirs). */
  async open(office) {
    this.close();
    this.office = office;
    this.stats = await this.readStatistics();
    this.waiting = {};
    this.estimates = {};
    this.atCounters = new Map(); // counter label → {number, counter, service, called_at}
    this.renderToday();
    this.renderQueue();
    this.showConnection("connecting");
    this.stopFeed = followDisplayFeed(office.id, {
      pingSeconds: this.data.ping_seconds,
      onMessage: (message) => this.hear(message),
      onConnection: (state) => this.showConnection(state),
    });
    this.timers.push(setInterval(() => this.refresh(), REFRESH_EVERY_MS));
    this.timers.push(setInterval(() => this.renderLongest(), TICK_MS));
  }

  close() {
    this.stopFeed?.();
    this.stopFeed = null;
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.pending);
    this.timers = [];
  }

  async readStatistics() {
    const stats = await this.session.call(`/api/v1/manage/offices/${encodeURIComponent(this.office.id)}/statistics`);
    this.readAt = Date.now();
    return stats;
  }

  async refresh() {
    const officeId = this.office.id;
    try {
      const stats = await this.readStatistics();
      if (this.office?.id !== officeId) return; // the manager moved on meanwhile
      this.stats = stats;
      this.renderToday();
      this.renderQueue();
    } catch {
      // the feed's connection line already says when the server is out of reach
    }
  }

  hear(message) {
    if (message.type === "snapshot") {
      this.waiting = { ...message.waiting };
      this.estimates = { ...message.estimates };
      this.atCounters = new Map(message.serving.map((entry) => [entry.counter, entry]));
    } else if (message.type === "called" || message.type === "recalled") {
      this.atCounters.set(message.counter, message);
    } else if (message.type === "cleared") {
      if (this.atCounters.get(message.counter)?.number === message.number) this.atCounters.delete(message.counter);
    } else if (message.type === "queue") {
      this.waiting = { ...message.waiting };
    } else {
      return;
    }
    this.renderQueue();
    if (message.type !== "snapshot") {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.refresh(), REFRESH_AFTER_EVENT_MS);
    }
  }

  showConnection(state) {
    const line = document.querySelector("#queue .connection");
    line.dataset.connection = state;
    line.querySelector('[data-field="connection"]').textContent = text(`counter.${state}`);
  }

  // -- rendering ----------------------------------------------------------------------------

  /** Minutes someone has waited now: the server's figure plus the time since it was read. */
  longest(minutesAtRead) {
    if (minutesAtRead === null || minutesAtRead === undefined) return null;
    return minutesAtRead + (Date.now() - this.readAt) / 60_000;
  }

  byService() {
    return Object.fromEntries((this.stats?.services ?? []).map((entry) => [entry.service, entry]));
  }

  renderLongest() {
    if (!this.stats) return;
    figure("longest", duration(this.longest(this.stats.longest_wait_minutes)));
    const figures = this.byService();
    for (const cell of document.querySelectorAll("#queue-rows [data-longest]")) {
      cell.textContent = duration(this.longest(figures[cell.dataset.longest]?.longest_wait_minutes));
    }
  }

  renderQueue() {
    const names = this.data.services;
    let total = 0;
    const rows = this.office.services.map((code) => {
      const waiting = this.waiting[code] ?? 0;
      total += waiting;
      const estimate = waiting ? this.estimates[code] : null;
      return row(
        [names[code] ?? code, { scope: "row" }],
        [number(waiting), { className: "num", "data-waiting": code }],
        [NOTHING, { "data-longest": code, className: "duration" }],
        [estimate === null || estimate === undefined ? NOTHING : duration(estimate), { className: "duration" }],
      );
    });
    $("queue-rows").replaceChildren(...rows);
    figure("waiting", number(total));
    figure("serving", number(this.atCounters.size));
    const serving = [...this.atCounters.values()].sort((a, b) => (a.called_at || "").localeCompare(b.called_at || ""));
    $("serving-rows").replaceChildren(...serving.map((entry) => row(
      [element("bdi", {}, digits(entry.number)), { scope: "row" }],
      digits(entry.counter),
      names[entry.service] ?? entry.service,
      entry.called_at ? formatTime(entry.called_at) : NOTHING,
    )));
    $("serving-table").hidden = serving.length === 0;
    $("serving-empty").hidden = serving.length > 0;
    this.renderLongest();
  }

  renderToday() {
    const stats = this.stats;
    document.querySelector('[data-field="today-date"]').textContent = dayLabel(stats.date);
    figure("served", count(stats.served));
    figure("no_show", count(stats.no_show));
    figure("average_wait", duration(stats.average_wait_minutes));
    figure("average_service", duration(stats.average_service_minutes));
    const figures = this.byService();
    $("today-rows").replaceChildren(...this.office.services.map((code) => {
      const entry = figures[code] ?? {};
      return row(
        [this.data.services[code] ?? code, { scope: "row" }],
        [count(entry.served ?? 0), { className: "num" }],
        [count(entry.no_show ?? 0), { className: "num" }],
        [duration(entry.average_wait_minutes), { className: "duration" }],
        [duration(entry.average_service_minutes), { className: "duration" }],
      );
    }));
  }
}
