// Choose an office that offers the service: by governorate, or nearest first once the browser
// tells us where the citizen is. Distances are straight lines, which is enough to rank offices.

import { api } from "./api.js";
import { element, lang, number, pick, say, text } from "./ui.js";

const EARTH_KM = 6371;
const byName = new Intl.Collator(lang);

export function distanceKm(a, b) {
  const rad = (degrees) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
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
    this.#locateIfAllowed();
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
      this.offices = await api(`/api/v1/offices?service=${encodeURIComponent(service)}`);
    } catch (error) {
      say(this.status, error.message);
      return;
    }
    say(this.status, this.here ? text("office.sorted") : "");
    this.#render(previous);
    this.onChange(this.selected); // the same office may now offer different times
  }

  /** Ask the browser where we are; on refusal, say so and leave the governorate filter to do. */
  locate() {
    if (!("geolocation" in navigator)) {
      say(this.status, text("office.location_denied"));
      return;
    }
    say(this.status, text("office.locating"));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.here = { lat: position.coords.latitude, lon: position.coords.longitude };
        this.governorate.value = "";
        say(this.status, text("office.sorted"));
        this.#render(this.selected?.id);
      },
      () => say(this.status, text("office.location_denied")),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 600_000 },
    );
  }

  // Ask only when the citizen has already allowed it: an unprompted permission dialog on
  // arrival is the first thing people learn to refuse.
  async #locateIfAllowed() {
    try {
      const permission = await navigator.permissions?.query({ name: "geolocation" });
      if (permission?.state === "granted") this.locate();
    } catch {
      // permissions API missing: the button still works
    }
  }

  #render(keep = this.selected?.id) {
    const wanted = this.governorate.value;
    let shown = this.offices
      .filter((office) => !wanted || office.governorate === wanted)
      .sort((a, b) => byName.compare(pick(a, "name"), pick(b, "name")));
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
          : element("span", { className: "distance", id: `${id}-distance` }, text("office.distance", { km: number(office.km, office.km < 10 ? 1 : 0) }))),
    );
  }
}
