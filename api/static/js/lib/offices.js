// Choose an office that offers the service: by governorate, or nearest first once the browser
// tells us where the citizen is.

import { api } from "./api.js";
import { distanceKm, locationAllowed, whereAmI } from "./location.js";
import { element, lang, number, pick, say, text } from "./ui.js";

const byName = new Intl.Collator(lang);
const officesByService = new Map();

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

/** Offices by their name in the page's language. */
export function sortByName(offices) {
  return [...offices].sort((a, b) => byName.compare(pick(a, "name"), pick(b, "name")));
}

/** "على بُعد ٣٫٢ كم": one decimal near by, whole kilometres further away. */
export function distanceText(km) {
  return text("office.distance", { km: number(km, km < 10 ? 1 : 0) });
}

export class OfficeChooser {
  constructor({ list, governorate, nearest, status, onChange }) {
    this.list = list;
    this.governorate = governorate;
    this.nearestButton = nearest;
    this.status = status;
    this.onChange = onChange;
    this.offices = [];
    this.here = null;
    governorate.addEventListener("change", () => this.#render());
    nearest.addEventListener("click", () => this.locate());
    list.addEventListener("change", () => this.onChange(this.selected));
    locationAllowed().then((allowed) => allowed && this.locate());
  }

  get selected() {
    const id = this.list.querySelector("input:checked")?.value;
    return this.offices.find((office) => office.id === id) ?? null;
  }

  /** The offices that offer ``service``; keeps the current choice when it still fits. */
  async load(service) {
    const previous = this.selected?.id;
    say(this.status, text("loading"));
    try {
      this.offices = await officesFor(service);
    } catch (error) {
      say(this.status, error.message);
      return;
    }
    say(this.status, this.here ? text("office.sorted") : "");
    this.#render(previous);
    this.onChange(this.selected); // the same office may now offer different times
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
    this.list.replaceChildren(...shown.map((office) => this.#choice(office, office.id === keep)));
    if (!shown.length) say(this.status, text("office.none"));
    else if (!this.here) say(this.status, "");
    if (keep && !shown.some((office) => office.id === keep)) this.onChange(null);
  }

  // The radio is named by the office's name alone; address and distance describe it.
  #choice(office, checked) {
    const id = `office-${office.id}`;
    const input = element("input", {
      type: "radio", name: "office", value: office.id, checked,
      "aria-labelledby": `${id}-name`, "aria-describedby": `${id}-address ${id}-distance`,
    });
    return element(
      "label", { className: "choice" }, input,
      element("span", { className: "choice-body" },
        element("span", { className: "choice-title", id: `${id}-name` }, pick(office, "name")),
        element("span", { className: "choice-meta", id: `${id}-address` }, pick(office, "address")),
        office.km === undefined ? null
          : element("span", { className: "distance", id: `${id}-distance` }, distanceText(office.km))),
    );
  }
}
