// Choose a day, then a time, from an office's live availability for a service. Used to book
// (/) and to move a booking (/my-booking); the markup comes from templates/citizen/_slot_picker.html.

import { api } from "./api.js";
import { availabilityQuery } from "./chain.js";
import { element, formatDate, formatTime, formatWeekday, say, text } from "./ui.js";

const DAYS_PER_PAGE = 14;
const MAX_DAYS_AHEAD = 60;

function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A radio button in a label: the first line bold, the others small. */
function chip(name, value, [main, ...rest], { disabled = false } = {}) {
  const input = element("input", { type: "radio", name, value, disabled });
  return element(
    "label", { className: "chip" }, input,
    element("span", { className: "chip-text" },
      element("span", { className: "chip-main" }, main),
      ...rest.map((line) => element("span", { className: "chip-sub" }, line))),
  );
}

function dayChip(name, date, note, disabled) {
  return chip(name, date, [formatWeekday(date), formatDate(date), note], { disabled });
}

export class SlotPicker {
  /** ``onChange(slot | null)`` hears every choice of a time, and its undoing. ``draws: false``
   *  offers no day whose opening draw is running (a booking cannot be moved into one). */
  constructor(root, { onChange = () => {}, skip = null, draws = true } = {}) {
    this.root = root;
    this.prefix = root.dataset.prefix;
    this.days = root.querySelector("[data-days]");
    this.times = root.querySelector("[data-times]");
    this.timesFieldset = root.querySelector("[data-times-fieldset]");
    this.status = root.querySelector("[data-status]");
    this.later = root.querySelector("[data-later]");
    this.onChange = onChange;
    this.skip = skip; // a start to leave out (the booking's current time, when moving it)
    this.draws = draws;
    this.byDate = new Map();
    this.days.addEventListener("change", (event) => this.#showTimes(event.target.value));
    this.times.addEventListener("change", () => this.onChange(this.selected));
    this.later.addEventListener("click", () => this.#loadPage(this.nextFrom));
  }

  /** The chosen ``{start, end}``, or null. */
  get selected() {
    const input = this.times.querySelector("input:checked");
    return input ? this.byDate.get(this.chosenDay)?.slots.find((slot) => slot.start === input.value) ?? null : null;
  }

  get chosenDay() {
    return this.days.querySelector("input:checked")?.value ?? null;
  }

  /** Start over for ``office`` and ``service`` (or several services for one trip: then each time
   *  is a start at which all of them fit, back to back), from today. */
  async load(officeId, service, people = 1) {
    this.officeId = officeId;
    this.service = service;
    this.people = people; // a party: starts at which everyone fits, one after the other
    this.services = [service].flat();
    this.byDate.clear();
    this.days.replaceChildren();
    this.#clearTimes();
    this.firstDay = null;
    await this.#loadPage(null);
  }

  /** Refresh after a refusal (a slot filled up meanwhile), keeping nothing chosen. */
  async reload() {
    await this.load(this.officeId, this.service, this.people);
  }

  #clearTimes() {
    this.times.replaceChildren();
    this.timesFieldset.hidden = true;
    this.onChange(null);
  }

  async #loadPage(from) {
    say(this.status, text("loading"));
    this.later.hidden = true;
    const params = availabilityQuery(this.services);
    if (this.people > 1) params.set("people", String(this.people));
    if (from) {
      params.set("from", from);
      params.set("to", addDays(from, DAYS_PER_PAGE - 1));
    }
    let answer;
    try {
      answer = await api(`/api/v1/offices/${encodeURIComponent(this.officeId)}/availability?${params}`);
    } catch (error) {
      say(this.status, error.message);
      return;
    }
    const days = answer.days;
    this.release = answer.release ?? null;
    if (!days.length) return;
    this.firstDay ??= days[0].date;
    this.nextFrom = addDays(days[days.length - 1].date, 1);
    let offered = 0;
    for (const day of days) {
      const slots = day.slots.filter((slot) => slot.start !== this.skip);
      this.byDate.set(day.date, { ...day, slots });
      const free = slots.reduce((sum, slot) => sum + slot.remaining, 0);
      if (day.holiday) {
        this.days.append(dayChip(`${this.prefix}-day`, day.date, text("slot.holiday"), true));
      } else if (day.open && slots.length) {
        offered += free > 0 ? 1 : 0;
        const remaining = free > 0 ? text("slot.remaining", { n: free }) : text("slot.full");
        const drawn = day.draw_until ? text("slot.draw", { time: formatTime(day.draw_until) }) : null;
        const closed = free === 0 || (drawn !== null && !this.draws);
        this.days.append(dayChip(`${this.prefix}-day`, day.date, drawn ?? remaining, closed));
      }
    }
    const beyond = this.nextFrom > addDays(this.firstDay, MAX_DAYS_AHEAD);
    this.later.hidden = beyond;
    this.pageStatus = beyond ? this.#endText() : offered ? "" : text("slot.none");
    say(this.status, this.pageStatus);
  }

  /** Past the last open day: when the next one opens, if days open at a fixed hour. */
  #endText() {
    if (!this.release) return text("slot.end");
    return text("slot.end_release", {
      time: formatTime(this.release.opens_at),
      day: formatDate(this.release.next_day),
    });
  }

  #showTimes(date) {
    this.#clearTimes();
    const day = this.byDate.get(date);
    if (!day) return;
    for (const slot of day.slots) {
      const sub = slot.remaining > 0 ? text("slot.remaining", { n: slot.remaining }) : text("slot.full");
      const disabled = slot.remaining === 0;
      // A trip of several services: its start, and when its last visit ends.
      const until = slot.visits ? [text("slot.until", { time: formatTime(slot.end) })] : [];
      this.times.append(chip(`${this.prefix}-time`, slot.start, [formatTime(slot.start), ...until, sub], { disabled }));
    }
    this.timesFieldset.hidden = false;
    // A day just opened: what is chosen on it now is decided by lot when its draw ends.
    const note = day.draw_until ? text("slot.draw_note", { time: formatTime(day.draw_until) }) : this.pageStatus;
    say(this.status, note ?? "");
  }
}
