// The desk on the counter console: the counter's status, the ticket at it and its steps, and
// the waiting figures for the services it serves.
//
// The ticket comes from the counter endpoints (each step answers with the ticket as it now
// stands); the waiting figures come from the office's display feed, pushed by the server, so
// nothing here asks the server on a timer. When the feed says something happened at this
// counter that this page did not do (a second device, a manager), the page reads the counter
// once more.

import { followDisplayFeed } from "./display-feed.js";
import { renderTicket, renderWaiting } from "./counter-view.js";
import { $, digits, focusOn, say, text, ticketNumber } from "./ui.js";

const SHORTCUTS = { KeyN: "call-next", KeyR: "recall", KeyS: "start", KeyD: "complete", KeyX: "no-show", KeyT: "transfer" };
const FINAL = new Set(["done", "no_show", "transferred"]);

export class Desk {
  /** ``desk`` is {office_id, counter_id}; ``catalogue`` the services by code. */
  constructor(session, desk, catalogue, pingSeconds) {
    this.session = session;
    this.desk = desk;
    this.catalogue = catalogue;
    this.pingSeconds = pingSeconds;
    this.officePath = `/api/v1/offices/${encodeURIComponent(desk.office_id)}`;
    this.counter = null;
    this.ticket = null;
    this.board = { waiting: {}, estimates: {} };
    this.acting = false;
    this.stopFeed = null;
  }

  async open() {
    const [office, counter] = await Promise.all([
      this.session.call(this.officePath),
      this.session.call(`${this.officePath}/counters/${encodeURIComponent(this.desk.counter_id)}`),
    ]);
    this.office = office;
    this.setCounter(counter);
    document.querySelector('[data-field="office-name"]').textContent = office[`name_${document.documentElement.lang}`];
    $("desk-title").textContent = text("counter.label", { label: digits(counter.label) });
    this.fillTransferChoices();
    this.render();
    this.showConnection("connecting");
    this.stopFeed = followDisplayFeed(this.desk.office_id, {
      pingSeconds: this.pingSeconds,
      onMessage: (message) => this.hear(message),
      onConnection: (state) => this.showConnection(state),
    });
  }

  close() {
    this.stopFeed?.();
    this.stopFeed = null;
  }

  setCounter(view) {
    this.counter = view;
    this.ticket = view.ticket ?? null;
  }

  // -- what the screen shows ----------------------------------------------------------------

  render() {
    const status = this.counter.status;
    const badge = document.querySelector('#screen-desk [data-field="status"]');
    badge.textContent = text(`counter.status.${status}`);
    badge.dataset.status = status;
    for (const button of document.querySelectorAll("[data-status]")) {
      button.setAttribute("aria-pressed", String(button.dataset.status === status));
    }
    renderTicket(this.ticket, this.catalogue);
    const ticketStatus = this.ticket?.status;
    const enabled = {
      "call-next": status === "open" && !this.ticket,
      recall: ticketStatus === "called",
      start: ticketStatus === "called",
      complete: ticketStatus === "serving",
      "no-show": ticketStatus === "called",
      transfer: ticketStatus === "called" || ticketStatus === "serving",
    };
    for (const [action, on] of Object.entries(enabled)) {
      document.querySelector(`.desk-actions [data-action="${action}"]`).disabled = !on || this.acting;
    }
    renderWaiting(this.counter.services, this.board, this.catalogue);
  }

  showConnection(state) {
    const box = document.querySelector(".desk-waiting .connection");
    box.dataset.connection = state;
    box.querySelector('[data-field="connection"]').textContent = text(`counter.${state}`);
  }

  fillTransferChoices() {
    const select = $("transfer-service");
    select.replaceChildren(
      ...this.office.services
        .filter((code) => this.catalogue[code])
        .map((code) => new Option(this.catalogue[code][`name_${document.documentElement.lang}`], code)),
    );
  }

  // -- the feed -----------------------------------------------------------------------------

  hear(message) {
    const here = message.counter === this.counter.label;
    switch (message.type) {
      case "snapshot":
      case "queue":
        this.board.waiting = message.waiting;
        if (message.estimates) this.board.estimates = message.estimates;
        break;
      case "counter":
        if (message.estimates) this.board.estimates = message.estimates;
        if (here) this.counter = { ...this.counter, status: message.status, services: message.services };
        break;
      case "called":
      case "recalled":
      case "cleared":
        if (here && !this.acting && this.happenedElsewhere(message)) this.reread();
        return;
      default:
        return;
    }
    this.render();
  }

  /** A call or a clearing at this counter that this page's own actions do not explain. */
  happenedElsewhere(event) {
    const ours = this.ticket?.ticket_id;
    return event.type === "cleared" ? event.ticket_id === ours : event.ticket_id !== ours;
  }

  async reread() {
    try {
      this.setCounter(await this.session.call(`${this.officePath}/counters/${encodeURIComponent(this.desk.counter_id)}`));
      this.render();
    } catch {
      // the next event or action tries again
    }
  }

  // -- the clerk's actions ------------------------------------------------------------------

  async act(action) {
    if (this.acting) return;
    if (action === "transfer") {
      this.askForTransfer();
      return;
    }
    await this.run(async () => {
      if (action === "call-next") return this.callNext();
      const reply = await this.post(`/tickets/${encodeURIComponent(this.ticket.ticket_id)}/${action}`);
      const number = ticketNumber(reply.ticket.number);
      this.ticket = FINAL.has(reply.ticket.status) ? null : reply.ticket;
      if (reply.ticket.status === "no_show") return text("counter.no_show", { number });
      return text({ recall: "counter.recalled", start: "counter.started", complete: "counter.completed" }[action], { number });
    });
  }

  async callNext() {
    const reply = await this.post(`/counters/${encodeURIComponent(this.desk.counter_id)}/call-next`);
    if (!reply) return text("counter.nobody");
    this.ticket = reply.ticket;
    return text("counter.called", { number: ticketNumber(reply.ticket.number) });
  }

  async setStatus(status) {
    if (this.acting || status === this.counter.status) return;
    await this.run(async () => {
      const view = await this.post(`/counters/${encodeURIComponent(this.desk.counter_id)}/status`, { status });
      this.counter = { ...this.counter, ...view };
      return text("counter.status_changed", { status: text(`counter.status.${view.status}`) });
    });
  }

  askForTransfer() {
    const dialog = $("transfer-dialog");
    const select = $("transfer-service");
    for (const option of select.options) option.disabled = option.value === this.ticket.service;
    select.value = [...select.options].find((option) => !option.disabled)?.value ?? "";
    dialog.onclose = () => {
      if (dialog.returnValue !== "transfer" || !select.value) return;
      const service = select.value;
      this.run(async () => {
        const reply = await this.post(`/tickets/${encodeURIComponent(this.ticket.ticket_id)}/transfer`, { service });
        this.ticket = null;
        const name = this.catalogue[service][`name_${document.documentElement.lang}`];
        return text("counter.transferred", { number: ticketNumber(reply.ticket.number), service: name });
      });
    };
    dialog.showModal();
  }

  post(path, body) {
    return this.session.call(`${this.officePath}${path}`, { method: "POST", body });
  }

  /** One action at a time; its message (or the server's refusal) is said on the page. */
  async run(work) {
    const notice = $("desk-notice");
    const errorBox = $("desk-error");
    say(errorBox, "");
    this.acting = true;
    this.render();
    try {
      say(notice, await work());
    } catch (error) {
      if (error.status === 401) return;
      say(notice, "");
      say(errorBox, error.message);
      focusOn(errorBox);
      await this.reread(); // the counter may have moved on elsewhere: show it as it is
    } finally {
      this.acting = false;
      this.render();
    }
  }
}

/** N, R, S, D, X, T (by key position, so they work on an Arabic keyboard too). */
export function shortcutFor(event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return null;
  if (event.target.closest?.("input, select, textarea, dialog")) return null;
  return SHORTCUTS[event.code] ?? null;
}
