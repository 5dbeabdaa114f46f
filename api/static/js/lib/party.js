// Several people, one appointment: how many people the booking is for (asked with the service,
// since the times offered depend on it) and each other person's name and identity (asked with the
// applicant's, in rows built from <template id="party-row-template">, as text, never as HTML).
// Everyone takes the same service(s); the server checks each person's identity and rules and names
// a refused person by their place ("person 3"), which the page shows under that person's row.

import { $, digits, element, say, text, westernDigits } from "./ui.js";

export class Party {
  /** ``onSize(count)`` hears every change of how many people the booking is for. */
  constructor({ onSize }) {
    this.size = $("party-size");
    this.box = $("party-people");
    this.list = $("party-list");
    this.addButton = $("party-add");
    this.status = $("party-status");
    this.template = $("party-row-template");
    this.max = Number(this.box.dataset.max) || 1;
    this.onSize = onSize;
    this.rows = [];
    this.size.addEventListener("change", () => this.resize(Number(this.size.value)));
    this.addButton.addEventListener("click", () => {
      this.resize(this.count + 1);
      this.rows.at(-1)?.querySelector('[data-part="name"]').focus();
    });
  }

  /** The applicant and everyone added. */
  get count() {
    return 1 + this.rows.length;
  }

  /** Rows added or dropped from the end until the booking is for ``count`` people. */
  resize(count, { quiet = false } = {}) {
    const wanted = Math.max(1, Math.min(this.max, count));
    while (this.rows.length < wanted - 1) this.rows.push(this.#row());
    while (this.rows.length > wanted - 1) this.rows.pop().remove();
    this.#render();
    if (!quiet) this.onSize(this.count);
  }

  #row() {
    const row = this.template.content.firstElementChild.cloneNode(true);
    const part = (name) => row.querySelector(`[data-part="${name}"]`);
    const nationality = part("nationality");
    nationality.append(...[...$("nationality").children].map((child) => child.cloneNode(true)));
    part("type").addEventListener("change", () => {
      part("nationality-field").hidden = part("type").value !== "passport";
    });
    part("remove").addEventListener("click", () => {
      this.rows = this.rows.filter((other) => other !== row);
      row.remove();
      this.#render();
      this.onSize(this.count);
      this.addButton.focus();
    });
    this.list.append(row);
    return row;
  }

  /** Places, ids and labels after a change: person 2 is the first row. */
  #render() {
    this.rows.forEach((row, index) => {
      const n = index + 2;
      const part = (name) => row.querySelector(`[data-part="${name}"]`);
      part("title").textContent = text("party.title", { n });
      part("remove").textContent = text("party.remove", { n });
      for (const field of ["name", "type", "number", "nationality"]) {
        const id = `party-${n}-${field}`;
        part(field).id = id;
        part(`${field}-label`).htmlFor = id;
        const error = part(`${field}-error`);
        if (error) {
          error.id = `${id}-error`;
          part(field).setAttribute("aria-describedby", error.id);
        }
      }
    });
    this.size.value = String(this.count);
    this.box.hidden = this.count === 1;
    this.addButton.disabled = this.count >= this.max;
    say(this.status, this.count >= this.max ? text("party.full") : "");
  }

  /** Each other person as the API takes them (``people`` after the applicant). */
  people() {
    return this.rows.map((row) => {
      const part = (name) => row.querySelector(`[data-part="${name}"]`);
      const type = part("type").value;
      const number = westernDigits(part("number").value).trim();
      const identity = type === "national_id"
        ? { type, number }
        : { type, number: number.toUpperCase(), nationality: part("nationality").value };
      return { identity, full_name: part("name").value.trim() };
    });
  }

  /** ``[[field id, message], …]`` for a name or number plainly missing or mistyped. */
  check() {
    const errors = [];
    this.people().forEach(({ identity, full_name: name }, index) => {
      const n = index + 2;
      if (name.length < 3) errors.push([`party-${n}-name`, text("party.name_required", { n })]);
      if (!identity.number) errors.push([`party-${n}-number`, text("party.number_required", { n })]);
      else if (identity.type === "national_id" && !/^[23]\d{13}$/.test(identity.number)) {
        errors.push([`party-${n}-number`, text("party.nid_digits", { n })]);
      }
      if (identity.type === "passport" && !identity.nationality) {
        errors.push([`party-${n}-nationality`, text("party.nationality_required", { n })]);
      }
    });
    return errors;
  }

  /** The field a refusal naming person ``n`` (2 onwards) lands on. */
  fieldOf(n) {
    return n >= 2 && n <= this.count ? `party-${n}-number` : null;
  }

  /** Everyone but the applicant for the review: name and last four characters of the number. */
  review() {
    return this.people().map(({ identity, full_name: name }) => element("li", {}, text("party.person", {
      name, last4: digits(identity.number.slice(-4)),
    })));
  }
}
