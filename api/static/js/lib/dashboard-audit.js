// The audit log of the office shown: who did what and when, newest first. The server decides which
// events a manager may read (their offices'); older ones come a page at a time.

import { $, busy, element, formatWhen, say, text } from "./ui.js";

const PAGE = 50;

/** A known action in the page's language; an unknown one as the log names it. */
function actionLabel(action) {
  const key = `dash.audit.action.${action}`;
  const label = text(key);
  return label === key ? element("code", { dir: "ltr" }, action) : label;
}

/** Staff by their user name, a citizen by the digest's prefix (never a name or number). */
function actorLabel(actor) {
  const [kind, who] = actor.split(":", 2);
  if (kind === "identity") return text("dash.audit.citizen", { who });
  if (kind === "staff") return element("span", { dir: "ltr" }, who);
  return element("code", { dir: "ltr" }, actor);
}

export class AuditLog {
  constructor(session) {
    this.session = session;
    this.officeId = null;
    this.before = null;
    $("audit-more").addEventListener("click", () => this.more());
  }

  async show(officeId) {
    this.officeId = officeId;
    this.before = null;
    $("audit-list").replaceChildren();
    await this.more();
  }

  async more() {
    say($("audit-error"), "");
    const button = $("audit-more");
    busy(button, true);
    const query = new URLSearchParams({ office: this.officeId, limit: String(PAGE) });
    if (this.before !== null) query.set("before", String(this.before));
    try {
      const page = await this.session.call(`/api/v1/manage/audit?${query}`);
      this.append(page.events);
      this.before = page.next_before;
      button.hidden = page.next_before === null;
    } catch (error) {
      if (error.status !== 401) say($("audit-error"), error.message);
    } finally {
      busy(button, false);
    }
  }

  append(events) {
    const list = $("audit-list");
    if (!events.length && !list.childElementCount) {
      list.replaceChildren(element("p", {}, text("dash.audit.none")));
      return;
    }
    let body = list.querySelector("tbody");
    if (!body) {
      const head = element("tr", {}, ...["when", "who", "what", "target"].map(
        (key) => element("th", { scope: "col" }, text(`dash.audit.${key}`))));
      body = element("tbody");
      // A table that may scroll sideways is reachable by keyboard, and named.
      list.replaceChildren(element("div", {
        className: "table-scroll", role: "region", tabIndex: 0, "aria-label": text("dash.audit.table"),
      },
        element("table", {}, element("thead", {}, head), body)));
    }
    body.append(...events.map((event) => element("tr", {},
      element("td", {}, formatWhen(event.at)),
      element("td", {}, actorLabel(event.actor)),
      element("td", {}, actionLabel(event.action)),
      element("td", { dir: "ltr" }, event.target ?? ""))));
  }
}
