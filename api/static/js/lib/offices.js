// Choose an office that offers the service: by governorate, or nearest first once the browser
// tells us where the citizen is. Each office says how many wait in its hall now (and about how
// long) and its nearest free day, read when it scrolls into view (GET /offices/{id}/today).
// The markup is templates/citizen/_office_chooser.html.

import { api } from "./api.js";
import { officesOfferingAll } from "./chain.js";
import { distanceKm, locationAllowed, whereAmI } from "./location.js";
import { $, element, formatDate, formatWeekday, lang, minutes, number, pick, say, text } from "./ui.js";

const byName = new Intl.Collator(lang);
const officesByService = new Map();
const dayByOffice = new Map();

/** The offices that offer ``service`` (asked once per page: both paths of the booking page and
 *  the request's status page need them). */
export function officesFor(service) {
  if (!officesByService.has(service)) {
    const asked = api(`/api/v1/offices?service=${encodeURIComponent(service)}`);
    asked.catch(() => officesByService.delete(service)); // a failure is not remembered
    officesByService.set(service, asked);
  }
  return officesByService.get(service);
}

/** An office's day for ``service`` (its queue now, its nearest free day), asked once per page:
 *  the server keeps it for half a minute anyway. */
export function officeDay(officeId, service) {
  const key = `${officeId} ${service}`;
  if (!dayByOffice.has(key)) {
    const asked = api(`/api/v1/offices/${encodeURIComponent(officeId)}/today?service=${encodeURIComponent(service)}`);
    asked.catch(() => dayByOffice.delete(key));
    dayByOffice.set(key, asked);
  }
  return dayByOffice.get(key);
}

/** "في الانتظار الآن: ٦، والانتظار نحو ٢٥ دقيقة", "لا أحد في الانتظار الآن", "المكتب مغلق اليوم";
 *  "" when the hall's queue could not be read. */
export function queueText(day) {
  if (!day.open_today) return text("office.closed_today");
  if (day.waiting === null) return "";
  if (day.waiting === 0) return text("office.nobody_waiting");
  if (day.wait_minutes === null) return text("office.waiting", { n: day.waiting });
  return text("office.waiting_for", { n: day.waiting, wait: minutes(day.wait_minutes) });
}

/** "أقرب موعد متاح: الثلاثاء ٨ ديسمبر", or today, or none open now. */
export function freeDayText(day) {
  const free = day.next_free_day;
  if (!free) return text("office.no_free_day");
  if (free === day.date) return text("office.free_today");
  return text("office.free_day", { day: `${formatWeekday(free)} ${formatDate(free)}` });
}

/** Offices by their name in the page's language. */
export function sortByName(offices) {
  return [...offices].sort((a, b) => byName.compare(pick(a, "name"), pick(b, "name")));
}

/** "على بُعد ٣٫٢ كم": one decimal near by, whole kilometres further away. */
export function distanceText(km) {
  return text("office.distance", { km: number(km, km < 10 ? 1 : 0) });
}

export class OfficeChooser {
  /** The chooser templates/citizen/_office_chooser.html drew with ``prefix``. */
  static on(prefix, onChange) {
    return new OfficeChooser({
      list: $(`${prefix}office-list`),
      governorate: $(`${prefix}governorate`),
      nearest: $(`${prefix}nearest`),
      status: $(`${prefix}office-status`),
      onChange,
    });
  }

  constructor({ list, governorate, nearest, status, onChange }) {
    this.list = list;
    this.governorate = governorate;
    this.nearestButton = nearest;
    this.status = status;
    this.onChange = onChange;
    this.offices = [];
    this.service = null;
    this.here = null;
    // An office's day is read once its choice is on screen: a list of every office in the
    // country asks for the few the citizen sees.
    this.seen = new IntersectionObserver((entries) => {
      for (const entry of entries.filter((e) => e.isIntersecting)) {
        this.seen.unobserve(entry.target);
        this.#showDay(entry.target);
      }
    });
    governorate.addEventListener("change", () => this.#render());
    nearest.addEventListener("click", () => this.locate());
    list.addEventListener("change", () => this.onChange(this.selected));
    locationAllowed().then((allowed) => allowed && this.locate());
  }

  get selected() {
    const id = this.list.querySelector("input:checked")?.value;
    return this.offices.find((office) => office.id === id) ?? null;
  }

  /** The offices that offer ``service`` (or every one of several, for one trip: the first
   *  names the queue shown); keeps the current choice when it still fits. */
  async load(service) {
    const services = [service].flat();
    const previous = this.selected?.id;
    say(this.status, text("loading"));
    this.service = services[0];
    try {
      this.offices = officesOfferingAll(await officesFor(services[0]), services);
    } catch (error) {
      say(this.status, error.message);
      return;
    }
    say(this.status, this.here ? text("office.sorted") : "");
    this.#render(previous);
    this.onChange(this.selected); // the same office may now offer different times
  }

  /** Choose ``officeId`` when it offers the service: its governorate shown (unless the list is
   *  nearest first), its choice checked, as if the citizen had chosen it. */
  choose(officeId) {
    const office = this.offices.find((candidate) => candidate.id === officeId);
    if (!office) return;
    if (!this.here) this.governorate.value = office.governorate;
    this.#render(office.id);
    this.onChange(this.selected);
  }

  /** Ask the browser where we are; on refusal, say so and leave the governorate filter to do. */
  async locate() {
    say(this.status, text("office.locating"));
    try {
      this.here = await whereAmI();
    } catch {
      say(this.status, text("office.location_denied"));
      return;
    }
    this.governorate.value = "";
    say(this.status, text("office.sorted"));
    this.#render(this.selected?.id);
  }

  #render(keep = this.selected?.id) {
    const wanted = this.governorate.value;
    let shown = sortByName(this.offices.filter((office) => !wanted || office.governorate === wanted));
    if (this.here) {
      shown = shown
        .map((office) => ({ office, km: distanceKm(this.here, office) }))
        .sort((a, b) => a.km - b.km)
        .map(({ office, km }) => ({ ...office, km }));
    }
    this.seen.disconnect();
    this.list.replaceChildren(...shown.map((office) => this.#choice(office, office.id === keep)));
    for (const choice of this.list.children) this.seen.observe(choice);
    if (!shown.length) say(this.status, text("office.none"));
    else if (!this.here) say(this.status, "");
    if (keep && !shown.some((office) => office.id === keep)) this.onChange(null);
  }

  // The radio is named by the office's name alone; address, distance, the queue now and the
  // nearest free day describe it.
  #choice(office, checked) {
    const id = `office-${office.id}`;
    const input = element("input", {
      type: "radio", name: "office", value: office.id, checked,
      "aria-labelledby": `${id}-name`,
      "aria-describedby": `${id}-address ${id}-distance ${id}-queue ${id}-free`,
    });
    return element(
      "label", { className: "choice", "data-office": office.id }, input,
      element("span", { className: "choice-body" },
        element("span", { className: "choice-title", id: `${id}-name` }, pick(office, "name")),
        element("span", { className: "choice-meta", id: `${id}-address` }, pick(office, "address")),
        office.km === undefined ? null
          : element("span", { className: "distance", id: `${id}-distance` }, distanceText(office.km)),
        element("span", { className: "choice-meta", id: `${id}-queue`, "data-day": "queue", hidden: true }),
        element("span", { className: "choice-meta", id: `${id}-free`, "data-day": "free", hidden: true })),
    );
  }

  /** Fill a choice's queue and free day; on a failure the choice simply goes without them. */
  async #showDay(choice) {
    let day;
    try {
      day = await officeDay(choice.dataset.office, this.service);
    } catch {
      return;
    }
    say(choice.querySelector('[data-day="queue"]'), queueText(day));
    say(choice.querySelector('[data-day="free"]'), freeDayText(day));
  }
}
