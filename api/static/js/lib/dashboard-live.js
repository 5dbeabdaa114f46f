// The office now, on the dashboard: its queue, live from the hall's display feed (waiting per
// service, who is at which counter), and today's figures from the manager's statistics endpoint
// (served, no-shows, average times, and since when the longest-waiting citizen has waited).
//
// The feed pushes every change, so nothing here polls for the queue. The figures are read once
// on opening, again shortly after the feed reports a change (a call ends someone's wait, a
// completion adds to "served"), and once a minute; between reads the longest wait keeps growing
// on the page's own clock, from the server's figure, never from the browser's date (a training
// server runs on a clock of its own).
//
// People waiting for a service that no open counter serves are said at the top of the queue
// (``unservedQueues``: the server's ``unserved``, or a queue with a null estimate), and today's
// figures come hour by hour too (``…/statistics/hours``): served each hour and the average wait by hour of arrival, as charts
// with a sentence each and the numbers in a table.

import { HourChart, hourLabel } from "./dashboard-charts.js";
import { dayHighlights, hourNumber } from "./dashboard-figures.js";
import { followDisplayFeed } from "./display-feed.js";
import { NOTHING, count, dayLabel, duration, row } from "./dashboard-format.js";
import { unservedQueues } from "./queue-alerts.js";
import { $, digits, element, formatTime, lang, number, text } from "./ui.js";

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
    this.hours = [];
    this.servedChart = new HourChart($("served-chart"), $("served-chart-key"), { bars: true });
    this.waitChart = new HourChart($("wait-chart"), $("wait-chart-key"));
  }

  /** Follow ``office`` (the public office object); throws the API's refusal (403: not theirs). */
  async open(office) {
    this.close();
    this.office = office;
    this.stats = await this.readStatistics();
    this.hours = await this.readHours();
    this.waiting = {};
    this.estimates = {};
    this.unserved = undefined; // the server's answer (queue_display.coverage), when the feed has sent it
    this.alerted = "";
    this.atCounters = new Map(); // counter label → {number, counter, service, called_at}
    this.renderToday();
    this.renderHours();
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

  /** The day hour by hour; none when it cannot be read (the figures above still stand). */
  async readHours() {
    try {
      const answer = await this.session.call(`/api/v1/manage/offices/${encodeURIComponent(this.office.id)}/statistics/hours`);
      return answer.hours;
    } catch (error) {
      if (error.status === 401) throw error;
      return [];
    }
  }

  async refresh() {
    const officeId = this.office.id;
    try {
      const stats = await this.readStatistics();
      const hours = await this.readHours();
      if (this.office?.id !== officeId) return; // the manager moved on meanwhile
      this.stats = stats;
      this.hours = hours;
      this.renderToday();
      this.renderHours();
      this.renderQueue();
    } catch {
      // the feed's connection line already says when the server is out of reach
    }
  }

  hear(message) {
    if (message.type === "snapshot") {
      this.waiting = { ...message.waiting };
      this.estimates = { ...message.estimates };
      this.unserved = message.unserved ? { ...message.unserved } : undefined;
      this.atCounters = new Map(message.serving.map((entry) => [entry.counter, entry]));
    } else if (message.type === "called" || message.type === "recalled") {
      this.atCounters.set(message.counter, message);
    } else if (message.type === "cleared") {
      if (this.atCounters.get(message.counter)?.number === message.number) this.atCounters.delete(message.counter);
    } else if (message.type === "queue") {
      this.waiting = { ...message.waiting };
      if (message.estimates) this.estimates = { ...message.estimates };
      this.unserved = message.unserved ? { ...message.unserved } : undefined;
    } else if (message.type === "counter") {
      // A counter opened, paused or closed: the estimates that ride on it say who is served now.
      if (!message.estimates) return;
      this.estimates = { ...message.estimates };
      this.unserved = message.unserved ? { ...message.unserved } : undefined;
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
    const unserved = unservedQueues(this.waiting, this.estimates, this.unserved);
    const nobody = new Set(unserved.map((queue) => queue.service));
    const rows = this.office.services.map((code) => {
      const waiting = this.waiting[code] ?? 0;
      total += waiting;
      const estimate = waiting ? this.estimates[code] : null;
      const expected = nobody.has(code)
        ? element("strong", { className: "no-counter" }, text("dash.no_counter_open"))
        : estimate === null || estimate === undefined ? NOTHING : duration(estimate);
      return row(
        [names[code] ?? code, { scope: "row" }],
        [number(waiting), { className: "num", "data-waiting": code }],
        [NOTHING, { "data-longest": code, className: "duration" }],
        [expected, { className: "duration", "data-estimate": code }],
      );
    });
    this.renderAlert(unserved);
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

  /** "6 people are waiting for passport renewal, and no open counter serves it", per service;
   *  the alert is rewritten only when what it says changes, so it is announced once. */
  renderAlert(unserved) {
    const names = this.data.services;
    const lines = unserved.map(({ service, waiting }) => text(
      lang === "en" && waiting === 1 ? "dash.unserved_one" : "dash.unserved",
      { n: waiting, service: names[service] ?? service },
    ));
    const said = lines.join("\n");
    if (said === this.alerted) return;
    this.alerted = said;
    $("queue-alert-list").replaceChildren(...unserved.map(({ service }, index) => element("li", { "data-service": service }, lines[index])));
    $("queue-alert").hidden = !lines.length;
  }

  /** Served each hour and the average wait by hour of arrival: two charts, a sentence each,
   *  and the table of the numbers. */
  renderHours() {
    const hours = this.hours ?? [];
    const x = hours.map((entry) => hourNumber(entry.hour));
    this.servedChart.draw(x, [{ label: text("dash.series.served"), values: hours.map((entry) => entry.served) }]);
    this.waitChart.draw(x, [{ label: text("dash.series.wait"), values: hours.map((entry) => entry.average_wait_minutes) }]);
    const { mostServed, longestWait } = dayHighlights(hours);
    $("served-chart-summary").textContent = mostServed
      ? text("dash.served_chart_most", { hour: hourLabel(hourNumber(mostServed.hour)), n: mostServed.served })
      : text("dash.served_chart_none");
    $("wait-chart-summary").textContent = longestWait
      ? text("dash.wait_chart_longest", { hour: hourLabel(hourNumber(longestWait.hour)), wait: duration(longestWait.minutes) })
      : text("dash.wait_chart_none");
    $("hours-rows").replaceChildren(...hours.map((entry) => row(
      [hourLabel(hourNumber(entry.hour)), { scope: "row" }],
      [count(entry.arrived), { className: "num" }],
      [count(entry.served), { className: "num" }],
      [count(entry.no_show), { className: "num" }],
      [duration(entry.average_wait_minutes), { className: "duration" }],
    )));
    $("hours-table").hidden = !hours.length;
    $("hours-empty").hidden = hours.length > 0;
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
