// Which offices a flexible request accepts, named one of three ways: every office of a
// governorate, the offices within a distance of where the citizen is, or a list they tick.
// The markup is templates/citizen/_request_steps.html; the server decides in the end (it
// measures the distances again and refuses a choice that names no office).

import { officesOfferingAll } from "./chain.js";
import { distanceKm, locationAllowed, whereAmI } from "./location.js";
import { distanceText, officesFor, sortByName } from "./offices.js";
import { element, number, pick, say, text } from "./ui.js";

export const MAX_OFFICES = 10; // as booking/request_offices.MAX_OFFICES

// Two decimals of a degree are about a kilometre: enough to rank offices, and all we keep.
const roughly = (degrees) => Math.round(degrees * 100) / 100;

export class ReachChooser {
  /** ``onChange()`` hears every change of the answer (``value`` and ``summary``). */
  constructor(root, { onChange }) {
    const $ = (id) => root.querySelector(`#${id}`);
    this.root = root;
    this.onChange = onChange;
    this.governorate = $("reach-governorate");
    this.governorateStatus = $("reach-governorate-status");
    this.radius = $("reach-radius");
    this.locateButton = $("reach-locate");
    this.nearStatus = $("reach-near-status");
    this.nearList = $("reach-near-offices");
    this.fallback = $("reach-use-governorate");
    this.filter = $("reach-filter");
    this.list = $("reach-list");
    this.listStatus = $("reach-list-status");
    this.offices = [];
    this.here = null;
    this.ticked = new Set();
    this.services = [];

    for (const input of this.#kinds()) input.addEventListener("change", () => this.#chooseKind(input.value));
    this.governorate.addEventListener("change", () => this.onChange());
    this.radius.addEventListener("change", () => this.#renderNear());
    this.locateButton.addEventListener("click", () => this.locate());
    this.fallback.addEventListener("click", () => this.#fallBackToGovernorate());
    this.filter.addEventListener("change", () => this.#renderList());
    this.list.addEventListener("change", (event) => this.#tick(event.target));
    this.#showDetail(this.kind); // a page restored from history keeps its choice
  }

  get kind() {
    return this.root.querySelector('input[name="reach"]:checked')?.value ?? null;
  }

  /** The request's offices as the API takes them (``governorate``, ``near`` or ``offices``), or
   *  null while the citizen has not named any. */
  get value() {
    if (this.kind === "governorate" && this.governorate.value) return { governorate: this.governorate.value };
    if (this.kind === "near" && this.#within().length) {
      return { near: { lat: this.here.lat, lon: this.here.lon, max_km: Number(this.radius.value) } };
    }
    if (this.kind === "list" && this.ticked.size) return { offices: [...this.ticked] };
    return null;
  }

  /** The answer in words, for the review before sending. */
  get summary() {
    const value = this.value;
    if (!value) return "—";
    if (value.governorate) {
      const name = this.governorate.selectedOptions[0].textContent.trim();
      return text(this.services.length > 1 ? "reach.summary_governorate_all" : "reach.summary_governorate", { name });
    }
    if (value.near) return text("reach.summary_near", { km: number(value.near.max_km) });
    return this.offices.filter((office) => this.ticked.has(office.id)).map((office) => pick(office, "name")).join("، ");
  }

  /** The offices that offer every one of ``services`` (one, or a trip's several: the request is
   *  placed at one office): governorates without one are not offered, and ticks on offices that
   *  do not offer them all are dropped. */
  async load(services) {
    say(this.governorateStatus, text("loading"));
    this.services = services;
    try {
      this.offices = officesOfferingAll(await officesFor(services[0]), services);
    } catch (error) {
      say(this.governorateStatus, error.message);
      return;
    }
    say(this.governorateStatus, "");
    const served = new Set(this.offices.map((office) => office.governorate));
    for (const select of [this.governorate, this.filter]) {
      for (const option of select.options) option.disabled = Boolean(option.value) && !served.has(option.value);
      if (select.selectedOptions[0]?.disabled) select.value = "";
    }
    const offered = new Set(this.offices.map((office) => office.id));
    for (const id of this.ticked) if (!offered.has(id)) this.ticked.delete(id);
    this.#renderNear();
    this.#renderList();
  }

  /** Ask the browser where the citizen is; on refusal, say so and offer the governorate. */
  async locate() {
    this.fallback.hidden = true;
    say(this.nearStatus, text("office.locating"));
    try {
      const here = await whereAmI();
      this.here = { lat: roughly(here.lat), lon: roughly(here.lon) };
    } catch {
      this.here = null;
      say(this.nearStatus, text("reach.location_failed"));
      this.fallback.hidden = false;
    }
    this.#renderNear();
    this.#renderList(); // the list too is easier to read nearest first
  }

  #kinds() {
    return this.root.querySelectorAll('input[name="reach"]');
  }

  #showDetail(kind) {
    for (const detail of this.root.querySelectorAll("[data-reach-detail]")) {
      detail.hidden = detail.dataset.reachDetail !== kind;
    }
  }

  async #chooseKind(kind) {
    this.#showDetail(kind);
    this.onChange();
    if (kind === "near" && !this.here && (await locationAllowed())) this.locate();
  }

  #fallBackToGovernorate() {
    const radio = this.root.querySelector('input[name="reach"][value="governorate"]');
    radio.checked = true;
    this.#chooseKind("governorate");
    this.governorate.focus();
  }

  /** The offices within the radius, nearest first, as the server will count them. */
  #within() {
    if (!this.here) return [];
    const limit = Number(this.radius.value);
    return this.offices
      .map((office) => ({ office, km: distanceKm(this.here, office) }))
      .filter(({ km }) => km <= limit)
      .sort((a, b) => a.km - b.km)
      .slice(0, MAX_OFFICES);
  }

  #renderNear() {
    const within = this.#within();
    this.nearList.replaceChildren(...within.map(({ office, km }) => element(
      "li", {}, pick(office, "name"), element("span", { className: "distance" }, ` — ${distanceText(km)}`),
    )));
    if (this.here) {
      const km = number(Number(this.radius.value));
      say(this.nearStatus, within.length ? text("reach.within", { km, n: within.length }) : text("reach.none_within", { km }));
    }
    this.onChange();
  }

  #renderList() {
    const wanted = this.filter.value;
    let shown = sortByName(this.offices.filter((office) => !wanted || office.governorate === wanted));
    if (this.here) shown = shown.sort((a, b) => distanceKm(this.here, a) - distanceKm(this.here, b));
    this.list.replaceChildren(...shown.map((office) => this.#checkbox(office)));
    this.#countTicks();
  }

  #checkbox(office) {
    const id = `reach-office-${office.id}`;
    const input = element("input", {
      type: "checkbox", name: "reach_office", value: office.id, checked: this.ticked.has(office.id),
      "aria-labelledby": `${id}-name`, "aria-describedby": `${id}-address`,
    });
    return element(
      "label", { className: "choice" }, input,
      element("span", { className: "choice-body" },
        element("span", { className: "choice-title", id: `${id}-name` }, pick(office, "name")),
        element("span", { className: "choice-meta", id: `${id}-address` }, pick(office, "address")),
        this.here ? element("span", { className: "distance" }, distanceText(distanceKm(this.here, office))) : null),
    );
  }

  #tick(input) {
    if (input.checked) this.ticked.add(input.value);
    else this.ticked.delete(input.value);
    this.#countTicks();
    this.onChange();
  }

  // At the limit, the offices not yet ticked cannot be: better than a refusal after sending.
  #countTicks() {
    const full = this.ticked.size >= MAX_OFFICES;
    for (const input of this.list.querySelectorAll("input")) input.disabled = full && !input.checked;
    say(this.listStatus, text("reach.picked", { n: this.ticked.size, max: MAX_OFFICES }));
  }
}
