// "Text me when I'm close" in the office shown: for each of the last two weeks' days, the tickets
// issued, the heads-ups asked for (kiosk or ticket page), the share of tickets that asked, and the
// texts sent (close, called). Counts only, in the page's digits.

import { NOTHING, percent } from "./dashboard-format.js";
import { $, element, formatDate, number, say, text } from "./ui.js";

const COLUMNS = ["tickets", "asked", "share", "near_sent", "called_sent"];

export class HeadsUpUptake {
  constructor(session) {
    this.session = session;
  }

  async show(officeId) {
    say($("heads-ups-error"), "");
    try {
      this.render(await this.session.call(`/api/v1/manage/offices/${encodeURIComponent(officeId)}/heads-ups`));
    } catch (error) {
      if (error.status !== 401) say($("heads-ups-error"), error.message);
    }
  }

  render(report) {
    $("heads-ups-total").textContent = text("dash.heads_ups.total", {
      tickets: number(report.tickets),
      asked: number(report.asked),
      share: percent(report.share),
      sent: number(report.near_sent + report.called_sent),
    });
    const table = $("heads-ups-table");
    const head = element("tr", {},
      element("th", { scope: "col" }, text("dash.heads_ups.day")),
      ...COLUMNS.map((column) => element("th", { scope: "col", className: "num" }, text(`dash.heads_ups.${column}`))));
    const rows = [...report.days].reverse().map((day) => {
      const share = day.tickets ? percent(day.asked / day.tickets) : NOTHING;
      const cells = { ...day, share };
      return element("tr", { "data-day": day.day },
        element("th", { scope: "row" }, formatDate(day.day)),
        ...COLUMNS.map((column) => element("td", { className: "num", "data-column": column },
          typeof cells[column] === "number" ? number(cells[column]) : cells[column])));
    });
    table.replaceChildren(element("thead", {}, head), element("tbody", {}, ...rows));
  }
}
