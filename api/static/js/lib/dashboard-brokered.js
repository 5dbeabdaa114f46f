// Bookings that look brokered, in the office shown: each cluster says why in a sentence, lists its
// bookings (code, slot, the identity's last four digits — no names) and has one button to cancel
// them all, after the manager confirms. The server refuses codes outside the manager's offices.

import { dayLabel, slotLabel } from "./dashboard-format.js";
import { $, busy, digits, element, focusOn, formatTime, say, text } from "./ui.js";

export class Brokered {
  constructor(session) {
    this.session = session;
    this.officeId = null;
  }

  async show(officeId) {
    this.officeId = officeId;
    await this.refresh();
  }

  async refresh() {
    say($("brokered-error"), "");
    try {
      const report = await this.session.call(
        `/api/v1/manage/suspicious-bookings?office=${encodeURIComponent(this.officeId)}`);
      this.render(report.clusters);
    } catch (error) {
      $("brokered-list").replaceChildren();
      if (error.status !== 401) say($("brokered-error"), error.message);
    }
  }

  render(clusters) {
    if (!clusters.length) {
      $("brokered-list").replaceChildren(element("p", {}, text("dash.brokered.none")));
      return;
    }
    $("brokered-list").replaceChildren(...clusters.map((cluster) => this.cluster(cluster)));
  }

  cluster(cluster) {
    const count = cluster.reason === "lockstep_moves" ? cluster.total : cluster.identities;
    const elsewhere = cluster.total - cluster.bookings.length;
    this.clusters = (this.clusters ?? 0) + 1;
    const headingId = `brokered-cluster-${this.clusters}`;
    const heading = element("h3", { id: headingId }, text(`dash.brokered.reason.${cluster.reason}`, { count }));
    const note = elsewhere > 0 ? element("p", {}, text("dash.brokered.elsewhere", { count: elsewhere })) : "";
    const head = element("tr", {}, ...["code", "slot", "last4", "booked"].map(
      (key) => element("th", { scope: "col" }, text(`dash.brokered.${key}`))));
    const rows = cluster.bookings.map((booking) => element("tr", {},
      element("td", { dir: "ltr" }, booking.code),
      element("td", {}, `${dayLabel(booking.date)} ${slotLabel(booking.start)}`),
      element("td", {}, digits(booking.identity_last4)),
      element("td", {}, formatTime(booking.moved_at ?? booking.booked_at))));
    const button = element("button", { type: "button", className: "button button-danger" },
      text("dash.brokered.cancel"));
    button.addEventListener("click", () => this.cancel(cluster, button));
    return element("article", { className: "brokered-cluster" }, heading, note,
      // A table that may scroll sideways is reachable by keyboard, named by its cluster's heading.
      element("div", { className: "table-scroll", role: "region", tabIndex: 0, "aria-labelledby": headingId },
        element("table", {}, element("thead", {}, head),
          element("tbody", {}, ...rows))),
      button);
  }

  async cancel(cluster, button) {
    const codes = cluster.bookings.filter((b) => b.status === "confirmed").map((b) => b.code);
    if (!codes.length || !window.confirm(text("dash.brokered.confirm", { count: codes.length }))) return;
    busy(button, true);
    try {
      const result = await this.session.call("/api/v1/manage/suspicious-bookings/cancel", {
        method: "POST",
        body: { codes },
      });
      say($("brokered-result"), text("dash.brokered.done", {
        cancelled: result.cancelled.length, skipped: result.skipped.length,
      }));
      focusOn($("brokered-result"));
      await this.refresh();
    } catch (error) {
      busy(button, false);
      if (error.status !== 401) {
        say($("brokered-error"), error.message);
        focusOn($("brokered-error"));
      }
    }
  }
}
