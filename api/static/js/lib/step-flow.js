// A long form walked one step at a time. On a phone, GOV.UK's "one thing per page": each step is
// a screen of its own with its own heading, Continue at its end and Back above it, and the step
// is in the address (?step=office, pushed on Continue), so the browser's Back and Forward move
// between steps and Reload stays on one. On a wider screen the steps stay on one page and open
// one below the other as they are answered; a step that opens is announced (a polite live
// region, never a jump of the focus, which would break arrowing through a group of radios), and
// Continue moves the focus to the next step's heading.
//
// The page says which steps its chosen path has, what each one's problems are, and which
// answers the history entry may keep; this module shows, hides, focuses and keeps the address.
// What identifies the person is never kept in the history (the page's ``kept()`` leaves it out):
// after Reload the page comes back to the first step still to answer.

import { say, text } from "./ui.js";

/** Where one step at a time starts: site.css's 40rem breakpoint. */
export const NARROW = "(max-width: 39.99rem)";

const LIST_SEPARATOR = { ar: "، ", en: "; " };

export class StepFlow {
  /**
   * ``root`` holds the steps (``<section data-step="name">`` each with an ``.step-heading``),
   * ``back`` is the Back link, ``announcer`` a polite live region.
   * ``path()``: the names of the chosen path's steps, in order.
   * ``problems(name)``: a step's problems, ``[[field id, message], …]``, none once answered.
   * ``reachable(name)``: on a wide screen, whether the step shows yet.
   * ``sticky``: steps that, once shown on a wide screen, stay (what was typed stays in view).
   * ``onProblems(problems, name)``: Continue found problems in step ``name``: show them.
   * ``onLeave()``: another step comes to the front (clear the errors shown).
   * ``onShow(name)``: a step has come to the front.
   * ``kept()``: the answers the history entry keeps; ``params()``: query parameters to keep in
   * the address besides the step (``{service}``; a falsy value drops one).
   */
  constructor({
    root, back, announcer, path, problems, reachable, sticky = [], onProblems, onLeave, onShow, kept, params,
  }) {
    this.root = root;
    this.back = back;
    this.announcer = announcer;
    this.path = path;
    this.problems = problems;
    this.reachable = reachable;
    this.sticky = new Set(sticky);
    this.onProblems = onProblems;
    this.onLeave = onLeave ?? (() => {});
    this.onShow = onShow ?? (() => {});
    this.kept = kept ?? (() => ({}));
    this.params = params ?? (() => ({}));
    this.steps = new Map([...root.querySelectorAll("[data-step]")].map((section) => [section.dataset.step, section]));
    this.current = path()[0];
    this.opened = new Set(); // shown on a wide screen, kept shown
    this.returning = false; // came from the review through a "change" link
    this.started = false;
    this.finished = false;
    this.title = document.title;
    this.media = window.matchMedia(NARROW);
    this.media.addEventListener("change", () => this.render());
    history.scrollRestoration = "manual"; // each step says where the eye goes

    root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-continue]");
      if (button) this.next(button.dataset.continue);
      const change = event.target.closest("a[data-change]");
      if (change) {
        event.preventDefault();
        this.change(change.dataset.change);
      }
    });
    back.addEventListener("click", (event) => {
      event.preventDefault();
      this.goBack();
    });
    window.addEventListener("popstate", (event) => this.#arrive(event.state));
  }

  /** One step at a time (a phone), or every step so far on one page. */
  get paged() {
    return this.media.matches;
  }

  /** The step a problem's field is in. */
  stepOf(node) {
    return node?.closest("[data-step]")?.dataset.step ?? null;
  }

  /** Whether every step before ``name`` on the path is answered. */
  ready(name) {
    const path = this.path();
    const index = path.indexOf(name);
    return index >= 0 && path.slice(0, index).every((step) => !this.problems(step).length);
  }

  /** The first step up to ``name`` (the whole path without it) that has no answer yet, else
   *  ``name`` (or the last step). */
  firstUnanswered(name = null) {
    const path = this.path();
    const end = name && path.includes(name) ? path.indexOf(name) : path.length - 1;
    return path.slice(0, end).find((step) => this.problems(step).length) ?? path[end];
  }

  /** Show the steps the current one calls for: one on a phone, every one reached so far on a
   *  wider screen (announcing those that just opened). */
  render({ announce = true } = {}) {
    const path = this.path();
    const before = this.#visible();
    for (const [name, section] of this.steps) {
      let show = false;
      if (!path.includes(name)) show = false;
      else if (this.paged) show = name === this.current;
      else show = this.opened.has(name) || this.reachable(name);
      if (show && !this.paged && this.sticky.has(name)) this.opened.add(name);
      section.hidden = !show;
    }
    document.body.toggleAttribute("data-flow-paged", this.paged);
    document.body.dataset.flowStep = this.current;
    const previous = this.#previous();
    this.back.hidden = !this.paged || !previous;
    if (previous) this.back.href = this.#url(previous);
    if (announce && !this.paged && this.started) this.#announce(before);
  }

  /** Start where the address (or the history entry) says, or at the first step without an
   *  answer when an earlier one has none. */
  start(requested) {
    const path = this.path();
    const target = this.firstUnanswered(path.includes(requested) ? requested : null);
    const first = target === path[0];
    this.go(target, { push: false, focus: !first, keepAddress: first && !requested });
    this.started = true;
  }

  /** Continue: the step's problems, or on to the next step (back to the review when a "change"
   *  link brought the citizen here and every answer is there). */
  next(from = this.current) {
    const found = this.problems(from);
    if (found.length) {
      this.onProblems(found, from);
      return false;
    }
    const path = this.path();
    const review = path.at(-1);
    let to = path[path.indexOf(from) + 1] ?? review;
    if (this.returning && this.ready(review)) to = review;
    this.go(to);
    return true;
  }

  /** A "change" link on the review: that step, then straight back to the review. */
  change(step) {
    this.returning = true;
    this.go(step);
  }

  goBack() {
    const previous = this.#previous();
    if (!previous) return;
    // Back to the entry Continue came from, as the browser's Back would; else a new entry.
    if (history.state?.flow?.previous === previous) history.back();
    else this.go(previous);
  }

  /** Bring ``name`` to the front: on a phone the only step shown, at the top, in the address
   *  (a new history entry unless ``push`` is false); on a wider screen, scrolled to. The focus
   *  goes to its heading unless ``focus`` is false (the caller focuses something else). */
  go(name, { push = true, focus = true, keepAddress = false } = {}) {
    const leaving = this.current;
    say(this.announcer, "");
    this.onLeave();
    this.current = name;
    if (name === this.path().at(-1)) this.returning = false;
    if (!this.paged) this.opened.add(name);
    this.render({ announce: false }); // the focus on its heading says where the citizen is
    this.onShow(name);
    this.#remember(push && this.paged && leaving !== name ? "push" : "replace", leaving, keepAddress);
    const section = this.steps.get(name);
    const heading = section.querySelector(".step-heading");
    if (this.paged) {
      document.title = `${this.#headingText(name)} — ${this.title}`;
      window.scrollTo({ top: 0 });
    }
    if (focus) {
      heading.focus({ preventScroll: true });
      if (!this.paged) section.scrollIntoView({ block: "start" });
    }
  }

  /** A field a problem names, in a step that may be hidden: its step comes to the front. */
  reveal(node) {
    const step = this.stepOf(node);
    if (step && this.steps.get(step).hidden) this.go(step, { focus: false });
  }

  /** Keep the answers in the history entry as they change. */
  save() {
    if (this.started && !this.finished) this.#remember("replace", this.current);
  }

  /** The form is sent: the address forgets the step, and coming back to a step through the
   *  browser's history starts the page afresh. */
  finish() {
    this.finished = true;
    const url = new URL(window.location.href);
    url.searchParams.delete("step");
    url.searchParams.delete("service");
    history.replaceState(null, "", url.pathname + url.search);
    this.#syncLanguageSwitch();
  }

  #arrive(state) {
    if (this.finished) {
      window.location.reload();
      return;
    }
    const path = this.path();
    const asked = state?.flow?.step ?? new URLSearchParams(window.location.search).get("step") ?? path[0];
    if (asked === this.current) return; // a #fragment link (the skip link) within the same step
    this.go(this.firstUnanswered(path.includes(asked) ? asked : null), { push: false });
  }

  #previous() {
    const path = this.path();
    return path[path.indexOf(this.current) - 1] ?? null;
  }

  #visible() {
    return new Set([...this.steps].filter(([, section]) => !section.hidden).map(([name]) => name));
  }

  #headingText(name) {
    const heading = this.steps.get(name).querySelector(".step-heading");
    const parts = [...heading.querySelectorAll(".step-number, .step-title")].filter((part) => !part.hidden);
    const words = parts.length ? parts.map((part) => part.textContent.trim()).join(": ") : heading.textContent;
    return words.replace(/\s+/g, " ").trim();
  }

  #announce(before) {
    const opened = [...this.#visible()].filter((name) => !before.has(name));
    if (!opened.length) return;
    const separator = LIST_SEPARATOR[document.documentElement.lang] ?? LIST_SEPARATOR.ar;
    say(this.announcer, text("flow.opened", { steps: opened.map((name) => this.#headingText(name)).join(separator) }));
  }

  #url(step) {
    const url = new URL(window.location.href);
    url.hash = "";
    url.searchParams.set("step", step);
    for (const [name, value] of Object.entries(this.params())) {
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    return url.pathname + url.search;
  }

  #remember(how, previous, keepAddress = false) {
    const state = {
      flow: { step: this.current, previous: how === "push" ? previous : history.state?.flow?.previous ?? null },
      kept: this.kept(),
    };
    const url = keepAddress ? window.location.pathname + window.location.search : this.#url(this.current);
    if (how === "push") history.pushState(state, "", url);
    else history.replaceState(state, "", url);
    this.#syncLanguageSwitch();
  }

  /** The language switch opens this step in the other language. */
  #syncLanguageSwitch() {
    const link = document.querySelector("a.lang-switch[hreflang]");
    if (!link) return;
    const url = new URL(window.location.href);
    url.hash = "";
    url.searchParams.set("lang", link.hreflang);
    link.href = url.pathname + url.search;
  }
}
