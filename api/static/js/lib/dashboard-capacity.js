// Capacity of the chosen office: close the office for a day or a counter (or every counter) for
// some hours, reopen a day, and put a counter in or out of service or change its services.
//
// A closure is asked before it is made: the server says what it would do (`…/closures/impact`:
// how many of that day's bookings would no longer fit), a closure that moves bookings needs a
// reason (each citizen is told why), and a dialog names what closes and what it affects. The
// same closure twice is refused by the server (409), whatever the page does.
//
// Each change restates capacity on the server at once and answers how many bookings no longer
// fit; the page says so and offers the rebalance plan for that day (`onOverbooked(day)`), and
// tells the heatmap to read the load again (`onChanged()`).

import { NOTHING, clockLabel, dayLabel, daysBetween, fillDays, row } from "./dashboard-format.js";
import { $, busy, clearFieldErrors, digits, element, focusOn, lang, say, text } from "./ui.js";

/** Resolve with whether the manager said yes (the button whose value is ``yes``) in ``dialog``. */
function ask(dialog, yes) {
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue === yes), { once: true });
    dialog.showModal();
  });
}

function counterName(counter) {
  return text("counter.label", { label: digits(counter.label) });
}

/** The office's opening times on the half hour (or its slot length), earliest to latest. */
function clockTimes(office) {
  const spans = Object.values(office.hours ?? {});
  if (!spans.length) return [];
  const toMinutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const opens = Math.min(...spans.map(([start]) => toMinutes(start)));
  const closes = Math.max(...spans.map(([, end]) => toMinutes(end)));
  const step = office.slot_minutes || 30;
  const times = [];
  for (let at = opens; at <= closes; at += step) {
    times.push(`${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`);
  }
  return times;
}

export class Capacity {
  constructor(session, data, { onChanged, onOverbooked }) {
    this.session = session;
    this.data = data;
    this.onChanged = onChanged;
    this.onOverbooked = onOverbooked;
    this.office = null;
    fillDays($("close-day"), daysBetween(data.today, data.last_day), { chosen: data.today });
    const form = $("close-form");
    for (const input of form.querySelectorAll('input[type="radio"]')) input.addEventListener("change", () => this.showChoices());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.close();
    });
    document.querySelector('[data-action="preview-closed"]').addEventListener("click", () => this.onOverbooked(this.lastClosedDay));
    $("counter-form").addEventListener("submit", (event) => this.saveCounter(event));
  }

  get path() {
    return `/api/v1/manage/offices/${encodeURIComponent(this.office.id)}`;
  }

  /** Show ``office`` (the public office object with its counters and hours). */
  async open(office) {
    this.office = office;
    for (const id of ["closures-notice", "counters-notice", "close-error"]) say($(id), "");
    $("close-result").hidden = true; // holds its message and button: hidden, not emptied
    this.fillCounterChoices();
    const times = clockTimes(office);
    $("close-from").replaceChildren(...times.slice(0, -1).map((t) => element("option", { value: t }, clockLabel(t))));
    $("close-to").replaceChildren(...times.slice(1).map((t) => element("option", { value: t }, clockLabel(t))));
    $("close-to").selectedIndex = Math.min(1, times.length - 2);
    this.showChoices();
    this.renderCounters();
    await this.readClosures();
  }

  fillCounterChoices() {
    const counters = this.office.counters.filter((counter) => counter.active);
    $("close-counter").replaceChildren(...counters.map((c) => element("option", { value: c.id }, counterName(c))));
  }

  showChoices() {
    const form = $("close-form");
    const what = form.elements["close-what"].value;
    const when = form.elements["close-when"].value;
    form.querySelector('[data-shown-when="counter"]').hidden = what !== "counter";
    form.querySelector('[data-shown-when="hours"]').hidden = when !== "hours";
  }

  // -- closing and reopening ------------------------------------------------------------------

  /** What closes and when, as the dialog's question names it. */
  question(body) {
    const day = dayLabel(body.date);
    const counter = this.office.counters.find((c) => c.id === body.counter_id);
    const what = counter ? counterName(counter) : null;
    const hours = body.from ? { from: clockLabel(body.from), to: clockLabel(body.to) } : null;
    const key = `dash.close_question.${what ? "counter" : "office"}_${hours ? "hours" : "day"}`;
    return text(key, { day, counter: what ?? "", ...hours });
  }

  /** The dialog's words for what the closure does to the day's bookings. */
  impactText(impact) {
    if (impact.displaced > 0) return text("dash.close_impact", { n: impact.displaced });
    if (impact.booked > 0) return text("dash.close_impact_fits", { n: impact.booked });
    return text("dash.close_impact_none");
  }

  async close() {
    const form = $("close-form");
    clearFieldErrors(form);
    say($("close-error"), "");
    $("close-result").hidden = true;
    const body = { date: form.elements["close-day"].value };
    if (form.elements["close-what"].value === "counter") body.counter_id = Number(form.elements["close-counter"].value);
    if (form.elements["close-when"].value === "hours") {
      body.from = form.elements["close-from"].value;
      body.to = form.elements["close-to"].value;
    }
    const reasonAr = form.elements["reason-ar"].value.trim();
    const reasonEn = form.elements["reason-en"].value.trim();
    if (reasonAr) body.reason_ar = reasonAr;
    if (reasonEn) body.reason_en = reasonEn;
    const button = form.querySelector('[type="submit"]');
    busy(button, true);
    try {
      const impact = await this.session.call(`${this.path}/closures/impact`, { method: "POST", body });
      if (impact.reason_required && !reasonAr && !reasonEn) {
        const slot = $("reason-error");
        slot.textContent = text("dash.error.reason_needed", { n: impact.displaced });
        slot.hidden = false;
        for (const id of ["reason-ar", "reason-en"]) $(id).setAttribute("aria-invalid", "true");
        $(lang === "en" ? "reason-en" : "reason-ar").focus();
        return;
      }
      $("close-dialog-title").textContent = this.question(body);
      $("close-dialog-impact").textContent = this.impactText(impact);
      const reason = (lang === "en" ? reasonEn || reasonAr : reasonAr || reasonEn);
      say($("close-dialog-reason"), impact.displaced > 0 && reason ? text("dash.close_reason_told", { reason }) : "");
      if (!(await ask($("close-dialog"), "close"))) {
        busy(button, false);
        button.focus(); // back where the manager was; nothing was closed
        return;
      }
      const closed = await this.session.call(`${this.path}/closures`, { method: "POST", body });
      this.lastClosedDay = closed.date;
      const box = $("close-result");
      box.querySelector('[data-field="close-message"]').textContent = closed.overbooked
        ? text("dash.closed_notice", { n: closed.overbooked }) : text("dash.closed_fits");
      box.querySelector('[data-action="preview-closed"]').hidden = !closed.overbooked;
      box.hidden = false;
      await this.readClosures();
      this.onChanged();
    } catch (error) {
      if (error.status !== 401) {
        say($("close-error"), error.message);
        focusOn($("close-error"));
      }
    } finally {
      busy(button, false);
    }
  }

  async readClosures() {
    try {
      const { closures } = await this.session.call(`${this.path}/closures`);
      this.renderClosures(closures);
    } catch (error) {
      if (error.status !== 401) say($("closures-notice"), error.message);
    }
  }

  renderClosures(closures) {
    const labels = Object.fromEntries(this.office.counters.map((c) => [c.id, counterName(c)]));
    const rows = [];
    let previous = null;
    for (const closure of closures) {
      const firstOfDay = closure.date !== previous;
      previous = closure.date;
      const hours = closure.from
        ? text("dash.closure_hours", { from: clockLabel(closure.from), to: clockLabel(closure.to) })
        : text("dash.closure_all_day");
      const reason = (lang === "ar" ? closure.reason_ar : closure.reason_en) || closure.reason_en || closure.reason_ar || NOTHING;
      const action = firstOfDay ? this.reopenButton(closure.date) : "";
      rows.push(row(
        [dayLabel(closure.date), { scope: "row" }],
        closure.counter_id === null ? text("dash.closure_office") : labels[closure.counter_id] ?? digits(closure.counter_id),
        hours, reason, action,
      ));
    }
    $("closure-rows").replaceChildren(...rows);
    $("closure-rows").closest("table").hidden = !rows.length;
    $("closures-empty").hidden = rows.length > 0;
  }

  reopenButton(day) {
    const button = element("button", {
      type: "button", className: "button button-secondary", "aria-label": text("dash.reopen_day", { day: dayLabel(day) }),
    }, text("dash.reopen"));
    button.addEventListener("click", () => this.reopen(day, button));
    return button;
  }

  async reopen(day, button) {
    busy(button, true);
    try {
      await this.session.call(`${this.path}/closures/${day}`, { method: "DELETE" });
      await this.readClosures();
      say($("closures-notice"), text("dash.reopened", { day: dayLabel(day) }));
      this.onChanged();
    } catch (error) {
      if (error.status !== 401) say($("closures-notice"), error.message);
      busy(button, false);
    }
  }

  // -- counters ---------------------------------------------------------------------------------

  renderCounters() {
    const names = this.data.services;
    $("counter-rows").replaceChildren(...this.office.counters.map((counter) => {
      const edit = element("button", {
        type: "button", className: "button button-secondary", "aria-label": text("dash.edit_counter", { label: digits(counter.label) }),
      }, text("dash.edit"));
      edit.addEventListener("click", () => this.editCounter(counter));
      const state = element("span", { className: counter.active ? "" : "state-off" },
        text(counter.active ? "dash.counter_active" : "dash.counter_inactive"));
      return row(
        [counterName(counter), { scope: "row", className: "nowrap" }],
        counter.services.map((code) => names[code] ?? code).join(lang === "ar" ? "، " : ", "),
        [state, { className: "nowrap" }], edit,
      );
    }));
  }

  editCounter(counter) {
    this.editing = counter;
    $("counter-dialog-title").textContent = text("dash.edit_counter", { label: digits(counter.label) });
    $("counter-active").checked = counter.active;
    $("counter-services").replaceChildren(...this.office.services.map((code) => element("label", { className: "inline-choice" },
      element("input", { type: "checkbox", name: "service", value: code, checked: counter.services.includes(code) }),
      ` ${this.data.services[code] ?? code}`)));
    say($("counter-error"), "");
    $("counter-dialog").showModal();
  }

  async saveCounter(event) {
    if (event.submitter?.value !== "save") return; // "cancel" closes the dialog as it is
    event.preventDefault();
    const form = $("counter-form");
    const services = [...form.querySelectorAll('input[name="service"]:checked')].map((input) => input.value);
    if (!services.length) {
      say($("counter-error"), text("dash.error.no_service"));
      return;
    }
    const counter = this.editing;
    try {
      const answer = await this.session.call(`${this.path}/counters/${counter.id}`, {
        method: "PATCH", body: { active: $("counter-active").checked, services },
      });
      $("counter-dialog").close();
      this.office = answer.office;
      this.renderCounters();
      this.fillCounterChoices();
      const values = { counter: counterName(counter), n: answer.overbooked };
      say($("counters-notice"), text(answer.overbooked ? "dash.counter_saved" : "dash.counter_saved_fits", values));
      this.onChanged();
    } catch (error) {
      if (error.status !== 401) say($("counter-error"), error.message);
    }
  }
}
