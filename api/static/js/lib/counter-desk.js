// The desk on the counter console: the counter's status, the ticket at it and its steps, and
// the waiting figures for the services it serves.
//
// The ticket comes from the counter endpoints (each step answers with the ticket as it now
// stands); the waiting figures come from the office's display feed, pushed by the server, so
// nothing here asks the server on a timer. When the feed says something happened at this
// counter that this page did not do (a second device, a manager), the page reads the counter
// once more.
//
// "Did not come" is offered only once the office's rule allows it (called again twice, three
// minutes since the call: the server refuses it before), and then waits UNDO_MS before it is
// sent: the clerk can take it back, and nothing happened anywhere meanwhile. The feed also says
// who waits for a service no open counter serves; if this counter serves it, the desk says so.

import { followDisplayFeed } from "./display-feed.js";
import { noShowState, timesKey, unservedHere } from "./counter-rules.js";
import { renderPeople, renderTicket, renderUnserved, renderWaiting } from "./counter-view.js";
import { $, digits, focusOn, formatTime, lang, pick, say, text, ticketNumber } from "./ui.js";

const SHORTCUTS = {
  KeyN: "call-next", KeyR: "recall", KeyS: "start", KeyD: "complete", KeyP: "park", KeyX: "no-show", KeyT: "transfer",
};
// Gone from the counter: finished, or parked (its holder may come back through the kiosk).
const FINAL = new Set(["done", "no_show", "transferred", "parked"]);
export const UNDO_MS = 6000;

export class Desk {
  /**
   * ``desk`` is {office_id, counter_id}; ``catalogue`` the services by code; ``page`` the page's
   * data: the feed's ``ping_seconds``, the server's clock (``server_now``) and its ``no_show`` rule.
   */
  constructor(session, desk, catalogue, page) {
    this.session = session;
    this.desk = desk;
    this.catalogue = catalogue;
    this.pingSeconds = page.ping_seconds;
    this.rule = page.no_show;
    this.clockOffsetMs = Date.parse(page.server_now) - Date.now();
    this.officePath = `/api/v1/offices/${encodeURIComponent(desk.office_id)}`;
    this.counter = null;
    this.ticket = null;
    this.board = { waiting: {}, estimates: {}, unserved: {} };
    this.acting = false;
    this.pending = null; // a "did not come" waiting out its undo time: {ticketId, number, sendAt, timer, tick}
    this.ruleTimer = null;
    this.stopFeed = null;
  }

  serverNow() {
    return Date.now() + this.clockOffsetMs;
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
      onPing: (at) => (this.clockOffsetMs = Date.parse(at) - Date.now()),
    });
  }

  /** Leaving the desk (another counter, logging out): a "did not come" still in its undo time
   *  is dropped, never sent behind the clerk's back; the ticket stays called at the counter. */
  close() {
    this.stopFeed?.();
    this.stopFeed = null;
    this.dropPending();
    clearTimeout(this.ruleTimer);
  }

  setCounter(view) {
    this.counter = view;
    this.ticket = view.ticket ?? null;
    if (this.pending && this.pending.ticketId !== this.ticket?.ticket_id) {
      this.dropPending(); // the ticket moved on elsewhere meanwhile: nothing left to mark
      say($("desk-notice"), "");
    }
  }

  // -- what the screen shows ----------------------------------------------------------------

  /** A party's ticket (several people, one appointment): everyone's name and last four digits,
   *  asked once per ticket (each look-up is audited). */
  async showPeople() {
    const ticket = this.ticket;
    if (!ticket || (ticket.headcount ?? 1) < 2 || this.peopleOf === ticket.ticket_id) return;
    this.peopleOf = ticket.ticket_id;
    try {
      const people = await this.session.call(`${this.officePath}/tickets/${encodeURIComponent(ticket.ticket_id)}/people`);
      if (this.ticket?.ticket_id === ticket.ticket_id) renderPeople(people);
    } catch {
      this.peopleOf = null; // asked again on the next render
    }
  }

  render() {
    const status = this.counter.status;
    const badge = document.querySelector('#screen-desk [data-field="status"]');
    badge.textContent = text(`counter.status.${status}`);
    badge.dataset.status = status;
    for (const button of document.querySelectorAll("[data-set-status]")) {
      button.setAttribute("aria-pressed", String(button.dataset.setStatus === status));
    }
    renderTicket(this.ticket, this.catalogue);
    this.showPeople();
    const ticketStatus = this.ticket?.status;
    const noShow = noShowState(this.ticket, this.rule, this.serverNow());
    const enabled = {
      "call-next": status === "open" && !this.ticket,
      // The fourth recall would be a no-show without the undo: "Did not come" is the way to it.
      recall: ticketStatus === "called" && (this.ticket.recalls ?? 0) < this.rule.max_recalls,
      start: ticketStatus === "called",
      complete: ticketStatus === "serving",
      // Not there: set aside until the citizen checks in again (once; a second miss is a no-show).
      park: ticketStatus === "called" && !this.ticket.returned_at,
      "no-show": noShow.allowed,
      transfer: ticketStatus === "called" || ticketStatus === "serving",
    };
    for (const [action, on] of Object.entries(enabled)) {
      document.querySelector(`.desk-actions [data-action="${action}"]`).disabled = !on || this.acting || Boolean(this.pending);
    }
    this.renderNoShowRule(noShow);
    this.renderPending();
    renderWaiting(this.counter.services, this.board, this.catalogue);
    renderUnserved(unservedHere(this.board.unserved, this.counter.services), this.counter.status, this.catalogue);
  }

  /** Why "Did not come" is off while the ticket is called, and a wake-up for when the wait ends. */
  renderNoShowRule(noShow) {
    clearTimeout(this.ruleTimer);
    const line = $("no-show-rule");
    const waiting = this.ticket?.status === "called" && !noShow.allowed && !this.pending;
    line.hidden = !waiting;
    if (!waiting) return;
    const variant = noShow.recallsShort && noShow.tooSoon ? "both" : noShow.recallsShort ? "recalls" : "time";
    line.textContent = text(`counter.no_show_wait.${variant}`, {
      times: text(timesKey(this.rule.recalls, lang)).replaceAll("{n}", digits(this.rule.recalls)),
      time: noShow.fromMs === null ? "" : formatTime(new Date(noShow.fromMs).toISOString()),
      n: this.ticket.recalls ?? 0,
    });
    if (noShow.tooSoon) this.ruleTimer = setTimeout(() => this.render(), noShow.fromMs - this.serverNow() + 250);
  }

  /** The undo strip, with the seconds left, while a "did not come" waits to be sent. */
  renderPending() {
    const strip = $("no-show-pending");
    strip.hidden = !this.pending;
    if (!this.pending) return;
    strip.querySelector('[data-field="pending"]').textContent = text("counter.no_show_soon", {
      number: ticketNumber(this.pending.number),
    });
    const left = Math.max(0, Math.ceil((this.pending.sendAt - Date.now()) / 1000));
    strip.querySelector('[data-field="countdown"]').textContent = text("counter.no_show_countdown", { n: left });
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
        if (message.unserved) this.board.unserved = message.unserved;
        break;
      case "counter":
        if (message.estimates) this.board.estimates = message.estimates;
        if (message.unserved) this.board.unserved = message.unserved;
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
    if (this.acting || this.pending) return;
    if (action === "transfer") {
      this.askForTransfer();
      return;
    }
    if (action === "no-show") {
      this.askForNoShow();
      return;
    }
    await this.run(async () => {
      if (action === "call-next") return this.callNext();
      const reply = await this.post(`/tickets/${encodeURIComponent(this.ticket.ticket_id)}/${action}`);
      const number = ticketNumber(reply.ticket.number);
      this.ticket = FINAL.has(reply.ticket.status) ? null : reply.ticket;
      if (reply.ticket.status === "no_show") return text("counter.no_show", { number });
      if (reply.ticket.status === "parked") return text("counter.parked", { number });
      if (reply.moved_on) return text("counter.moved_on", { number, service: pick(reply.moved_on, "service_name") });
      return text({ recall: "counter.recalled", start: "counter.started", complete: "counter.completed" }[action], { number });
    });
  }

  /** "Did not come", held for UNDO_MS: the clerk may take it back until it is sent. */
  askForNoShow() {
    if (!noShowState(this.ticket, this.rule, this.serverNow()).allowed) return;
    const { ticket_id: ticketId, number } = this.ticket;
    this.pending = {
      ticketId,
      number,
      sendAt: Date.now() + UNDO_MS,
      timer: setTimeout(() => this.sendNoShow(), UNDO_MS),
      tick: setInterval(() => this.renderPending(), 250),
    };
    say($("desk-error"), "");
    say($("desk-notice"), text("counter.no_show_pending", { number: ticketNumber(number) }));
    this.render();
    $("no-show-undo").focus();
  }

  /** Undo: nothing was sent, the ticket stays called at the counter. */
  undoNoShow() {
    if (!this.pending) return;
    const { number } = this.pending;
    this.dropPending();
    say($("desk-notice"), text("counter.no_show_undone", { number: ticketNumber(number) }));
    this.render();
    document.querySelector('.desk-actions [data-action="no-show"]').focus();
  }

  dropPending() {
    if (!this.pending) return;
    clearTimeout(this.pending.timer);
    clearInterval(this.pending.tick);
    this.pending = null;
  }

  async sendNoShow() {
    const { ticketId } = this.pending;
    this.dropPending();
    if (this.ticket?.ticket_id !== ticketId) return this.render(); // it moved on elsewhere meanwhile
    await this.run(async () => {
      const reply = await this.post(`/tickets/${encodeURIComponent(ticketId)}/no-show`);
      this.ticket = FINAL.has(reply.ticket.status) ? null : reply.ticket;
      return text("counter.no_show", { number: ticketNumber(reply.ticket.number) });
    });
    const next = document.querySelector('.desk-actions [data-action="call-next"]');
    if (!this.ticket && !next.disabled) next.focus(); // the clerk's next move (a refusal keeps the focus)
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
