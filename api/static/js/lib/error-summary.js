// GOV.UK's error summary (https://design-system.service.gov.uk/components/error-summary/): a box
// titled "There is a problem" that lists each problem as a link to its field, takes the focus
// when it appears (its role="alert" part is read out), and on a link's activation puts the focus
// in the field itself, with the field's label or legend scrolled into view. The markup is the
// page's (a box with an <ul>); this fills it, places it and follows its links.

import { element } from "./ui.js";

/** The control to focus for ``target``: the target itself when it is one, else (a fieldset, a
 *  group of radios) its checked choice or its first enabled one. */
export function focusableIn(target) {
  if (!target) return null;
  if (target.matches("input, select, textarea, button")) return target;
  return target.querySelector("input:checked:not([disabled])")
    ?? target.querySelector("input:not([disabled]), select:not([disabled]), textarea:not([disabled])")
    ?? null;
}

/** What to scroll into view above a focused field: its fieldset's legend, or its own label. */
function labelOf(control, target) {
  const fieldset = target.closest("fieldset");
  const legend = fieldset?.querySelector("legend");
  if (legend && control.type === "radio") return legend.classList.contains("visually-hidden") ? fieldset : legend;
  return control.labels?.[0] ?? control;
}

export class ErrorSummary {
  /** ``root`` is the box (tabindex="-1", hidden) with an <ul>; ``reveal(target)`` makes a target
   *  that may be hidden visible first (on a phone, the step that holds it). */
  constructor(root, { reveal = () => {} } = {}) {
    this.root = root;
    this.list = root.querySelector("ul");
    this.reveal = reveal;
    this.list.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      event.preventDefault(); // no hash in the address: the step lives there
      this.follow(link.getAttribute("href").slice(1));
    });
  }

  /** Show ``errors`` ([[target id or null, message], …]) after ``anchor`` (where the box goes),
   *  and move the focus to the box. */
  show(errors, anchor = null) {
    this.list.replaceChildren(...errors.map(([target, message]) => element(
      "li", {}, target ? element("a", { href: `#${target}` }, message) : message,
    )));
    if (anchor) anchor.after(this.root);
    this.root.hidden = false;
    this.root.focus({ preventScroll: true });
    this.root.scrollIntoView({ block: "start" });
  }

  clear() {
    this.list.replaceChildren();
    this.root.hidden = true;
  }

  get shown() {
    return !this.root.hidden;
  }

  /** Focus the field a summary's link names, as GOV.UK's does. */
  follow(id) {
    const target = document.getElementById(id);
    if (!target) return;
    this.reveal(target);
    const control = focusableIn(target);
    if (!control) return;
    control.focus({ preventScroll: true });
    labelOf(control, target).scrollIntoView({ block: "start" });
  }
}
