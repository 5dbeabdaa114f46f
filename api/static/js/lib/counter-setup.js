// Choosing the desk on the counter console: an office among the clerk's own (every office for
// an admin) and one of its counters, with what each serves and whether it is open now.

import { api } from "./api.js";
import { $, digits, element, focusOn, pick, say, text } from "./ui.js";

/** The offices this clerk may work in, with their names: [{id, name_ar, name_en, ...}]. */
async function officesOf(user) {
  const all = await api("/api/v1/offices");
  return user.role === "admin" ? all : all.filter((office) => user.offices.includes(office.id));
}

function serviceNames(codes, catalogue) {
  return codes.map((code) => (catalogue[code] ? pick(catalogue[code], "name") : code)).join("، ");
}

function counterChoice(counter, catalogue, chosen) {
  const input = element("input", {
    type: "radio", name: "counter", value: counter.counter_id, checked: counter.counter_id === chosen,
    disabled: !counter.active,
  });
  const status = element("span", { className: "status-badge", "data-status": counter.status },
    text(`counter.status.${counter.status}`));
  return element("label", { className: "choice" }, input,
    element("span", { className: "choice-body" },
      element("span", { className: "choice-title" }, text("counter.label", { label: digits(counter.label) }), " ", status),
      element("span", { className: "choice-meta" }, serviceNames(counter.services, catalogue))));
}

/**
 * Fill and drive the setup form; ``onChosen({office_id, counter_id})`` when the clerk confirms.
 * ``session`` makes the staff calls; ``remembered`` is the desk chosen last time, if any.
 */
export async function chooseDesk(session, catalogue, remembered, onChosen) {
  const form = $("setup-form");
  const select = $("office");
  const list = $("counter-list");
  const errorBox = $("setup-error");
  say(errorBox, "");
  const offices = await officesOf(session.user);
  select.replaceChildren(...offices.map((office) => element("option", { value: office.id }, pick(office, "name"))));
  if (remembered && offices.some((office) => office.id === remembered.office_id)) select.value = remembered.office_id;

  async function listCounters() {
    list.replaceChildren();
    try {
      const counters = await session.call(`/api/v1/offices/${encodeURIComponent(select.value)}/counters`);
      const chosen = remembered?.office_id === select.value ? remembered.counter_id : null;
      list.replaceChildren(...counters.map((counter) => counterChoice(counter, catalogue, chosen)));
    } catch (error) {
      if (error.status !== 401) say(errorBox, error.message);
    }
  }

  select.onchange = listCounters;
  form.onsubmit = (event) => {
    event.preventDefault();
    const counter = form.querySelector('input[name="counter"]:checked')?.value;
    if (!counter) {
      say(errorBox, text("error.choose_counter"));
      focusOn(errorBox);
      return;
    }
    onChosen({ office_id: select.value, counter_id: counter });
  };
  await listCounters();
  focusOn($("setup-title"));
}
