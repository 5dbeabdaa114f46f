// No-show rates of the services whose bookings are asked to reconfirm: for each, the share of
// past visits missed among bookings asked to reconfirm and among bookings not asked (before it
// was switched on, or booked inside the window), with the asked bookings released unconfirmed.

import { NOTHING, percent } from "./dashboard-format.js";
import { $, element, say, text } from "./ui.js";

/** "٢٠٪ من ٤٠ زيارة", or "—" when there was no visit. */
export function rateText(row) {
  if (!row || !row.visits) return NOTHING;
  return text("dash.noshow.rate", { rate: percent(row.rate), visits: row.visits });
}

export class NoShows {
  constructor(session, data) {
    this.session = session;
    this.data = data;
  }

  async show(officeId) {
    say($("noshow-error"), "");
    try {
      const report = await this.session.call(
        `/api/v1/manage/offices/${encodeURIComponent(officeId)}/no-shows`);
      this.render(report);
    } catch (error) {
      if (error.status !== 401) say($("noshow-error"), error.message);
    }
  }

  render(report) {
    const table = $("noshow-table");
    table.replaceChildren();
    if (!report.services.length) {
      table.append(element("caption", {}, text("dash.noshow.off")));
      return;
    }
    table.append(element("thead", {}, element("tr", {},
      element("th", { scope: "col" }, text("dash.noshow.service")),
      element("th", { scope: "col" }, text("dash.noshow.asked")),
      element("th", { scope: "col" }, text("dash.noshow.not_asked")))));
    const body = element("tbody");
    for (const service of report.services) {
      const asked = report.rows.find((row) => row.service === service && row.asked);
      const notAsked = report.rows.find((row) => row.service === service && !row.asked);
      body.append(element("tr", {},
        element("th", { scope: "row" }, this.data.services[service] ?? service),
        element("td", { className: "num" }, rateText(asked),
          element("br"), text("dash.noshow.released", { released: asked?.released ?? 0 })),
        element("td", { className: "num" }, rateText(notAsked))));
    }
    table.append(body);
  }
}
