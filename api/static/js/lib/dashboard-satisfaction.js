// Citizen satisfaction in the office shown: for each service, row by row, the share of answers
// rating the visit 4 or 5 in each ISO week (a column per week, its Monday named), with the
// number of answers under it; a last row and column for all services and the whole period; and
// the latest comments with their service, week and rating only. Shares and counts are in the
// page's digits; a week without answers shows "—", never a 0 %.

import * as format from "./format.js";
import { NOTHING, percent } from "./dashboard-format.js";
import { $, element, formatDate, lang, say, text } from "./ui.js";

const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

/** "١٢ إجابة", "إجابتان", "5 answers". */
export function answersText(count) {
  const forms = Object.fromEntries(
    CATEGORIES.map((category) => [category, text(`dash.satisfaction.answers.${category}`)]));
  return format.plural(count, forms, lang);
}

/** The Monday ``weeks - 1`` weeks before the one holding ``today`` (an ISO date). */
export function firstDay(today, weeks) {
  const day = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return format.addDays(today, -sinceMonday - 7 * (weeks - 1));
}

function add(a, b) {
  return { answers: a.answers + b.answers, satisfied: a.satisfied + b.satisfied };
}

function cell(tally, attributes) {
  if (!tally || !tally.answers) {
    return element("td", { ...attributes, className: "num" },
      element("span", { "aria-hidden": "true" }, NOTHING),
      element("span", { className: "visually-hidden" }, answersText(0)));
  }
  const share = percent(tally.satisfied / tally.answers);
  const answers = answersText(tally.answers);
  return element("td", { ...attributes, className: "num", "data-answers": tally.answers },
    element("span", { className: "satisfaction-share", "aria-hidden": "true" }, share),
    element("span", { className: "satisfaction-answers", "aria-hidden": "true" }, answers),
    element("span", { className: "visually-hidden" }, text("dash.satisfaction.cell", { share, answers })));
}

export class Satisfaction {
  constructor(session, data) {
    this.session = session;
    this.data = data;
    this.officeId = null;
    $("satisfaction-weeks").addEventListener("change", () => this.refresh());
  }

  async show(officeId) {
    this.officeId = officeId;
    await this.refresh();
  }

  async refresh() {
    say($("satisfaction-error"), "");
    const from = firstDay(this.data.today, Number($("satisfaction-weeks").value));
    const query = new URLSearchParams({ from, to: this.data.today });
    try {
      const report = await this.session.call(
        `/api/v1/manage/offices/${encodeURIComponent(this.officeId)}/satisfaction?${query}`);
      this.render(report);
    } catch (error) {
      if (error.status !== 401) say($("satisfaction-error"), error.message);
    }
  }

  serviceName(code) {
    return this.data.services[code] ?? code;
  }

  weekName(week) {
    return text("dash.satisfaction.week_of", { day: formatDate(week.starts) });
  }

  render(report) {
    const total = $("satisfaction-total");
    total.textContent = report.answers
      ? text("dash.satisfaction.total", { share: percent(report.share), answers: answersText(report.answers) })
      : text("dash.satisfaction.none");
    total.dataset.share = report.share ?? "";
    this.renderTable(report);
    this.renderComments(report);
  }

  renderTable(report) {
    const table = $("satisfaction-table");
    if (!report.services.length) {
      table.replaceChildren();
      return;
    }
    const head = element("tr", {},
      element("th", { scope: "col" }, text("dash.satisfaction.service")),
      ...report.weeks.map((week) => element("th", { scope: "col", "data-week": week.week }, this.weekName(week))),
      element("th", { scope: "col" }, text("dash.satisfaction.all_weeks")));
    const byWeek = {};
    const rows = report.services.map((service) => {
      const weeks = Object.fromEntries(service.weeks.map((week) => [week.week, week]));
      for (const [week, tally] of Object.entries(weeks)) {
        byWeek[week] = add(byWeek[week] ?? { answers: 0, satisfied: 0 }, tally);
      }
      return element("tr", { "data-service": service.service },
        element("th", { scope: "row" }, this.serviceName(service.service)),
        ...report.weeks.map((week) => cell(weeks[week.week], { "data-week": week.week })),
        cell(service, { "data-week": "all" }));
    });
    const foot = element("tr", { "data-service": "all" },
      element("th", { scope: "row" }, text("dash.satisfaction.all_services")),
      ...report.weeks.map((week) => cell(byWeek[week.week], { "data-week": week.week })),
      cell(report, { "data-week": "all" }));
    table.replaceChildren(element("thead", {}, head), element("tbody", {}, ...rows), element("tfoot", {}, foot));
  }

  renderComments(report) {
    const list = $("satisfaction-comments");
    if (!report.comments.length) {
      list.replaceChildren(element("li", { className: "satisfaction-empty" }, text("dash.satisfaction.no_comments")));
      return;
    }
    const weeks = Object.fromEntries(report.weeks.map((week) => [week.week, week]));
    list.replaceChildren(...report.comments.map((comment) => {
      const week = weeks[comment.week];
      const meta = [
        this.serviceName(comment.service),
        week ? this.weekName(week) : comment.week,
        text("dash.satisfaction.rating", { rating: comment.rating }),
      ];
      return element("li", { className: "satisfaction-comment", "data-rating": comment.rating },
        element("blockquote", { dir: "auto" }, comment.comment),
        element("p", { className: "satisfaction-meta" }, meta.join(" · ")));
    }));
  }
}
