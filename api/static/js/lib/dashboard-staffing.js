// The staffing advice of a simulated day, in the panel's aside: the counters needed and planned
// hour by hour as a stepped chart (all services together, and the counters the what-if plans),
// and a table per scenario, a row per service group and a column per hour ("needed / planned"),
// the short hours marked with a word and a sign as well as a colour, those with counters to spare
// marked another way, and a sentence counting both. The figures come from simulation-staffing.js.

import * as format from "./format.js";
import { HourChart } from "./dashboard-charts.js";
import { NOTHING, percent, row } from "./dashboard-format.js";
import { adviceHours, busiestNeed, groupRows, staffingSeries, staffingSummary } from "./simulation-staffing.js";
import { $, digits, element, lang, minutes, number, text } from "./ui.js";

const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];
/** A sign beside each status's word, so that neither the colour nor the sign alone says it. */
const SIGNS = { short: "⚠", ok: "✓", idle: "◌" };

/** ``count`` with the words the page's strings give each CLDR category of ``prefix``
 *  (``dash.sim.hours.one`` …), the count in the page's digits and grouping. */
export function counted(prefix, count) {
  const forms = Object.fromEntries(CATEGORIES.map((category) => [category, text(`${prefix}.${category}`)])
    .filter(([, form]) => !form.startsWith(prefix)));
  const form = forms[format.pluralCategory(count, lang)] ?? forms.other;
  return form.replaceAll("{n}", number(count));
}

/** The service group's services by their names in the page's language. */
function groupName(group, names) {
  return group.map((code) => names[code] ?? code).join(lang === "ar" ? "، " : ", ");
}

function summary(staffing) {
  const { key, short, idle } = staffingSummary(staffing);
  return text(`dash.sim.staffing_summary.${key}`, {
    short: counted("dash.sim.hours", short), idle: counted("dash.sim.hours", idle),
  });
}

/** One group's hour: "needed / planned" and the status's sign (and its word when it is not
 *  ``ok``) to see, the whole sentence for a screen reader. */
function hourCell(hour) {
  const needed = number(hour.needed);
  const planned = hour.planned === null ? NOTHING : number(hour.planned, 1);
  const status = text(`dash.sim.status.${hour.status}`);
  return element("td", { className: "num sim-hour", "data-status": hour.status, "data-starts": hour.starts },
    element("span", { className: "sim-hour-figures", "aria-hidden": "true" }, `${needed} / ${planned}`),
    element("span", { className: "sim-status", "aria-hidden": "true" }, SIGNS[hour.status] ?? "",
      hour.status === "ok" ? null : ` ${status}`),
    element("span", { className: "visually-hidden" }, text("dash.sim.staffing_cell", { needed, planned, status })));
}

/** A scenario's advice: a row per service group, a column per hour, and the sentence counting the
 *  hours short and with counters to spare above it. */
function table(name, staffing, names) {
  const title = text(`dash.sim.staffing_table.${name}`);
  const titleId = `sim-staffing-${name}-title`;
  const counts = staffingSummary(staffing);
  const starts = adviceHours(staffing);
  const rows = groupRows(staffing).map(({ group, hours }) => {
    const byStart = new Map(hours.map((hour) => [hour.starts, hour]));
    return element("tr", { "data-group": group.join("+") },
      element("th", { scope: "row" }, groupName(group, names)),
      ...starts.map((start) => (byStart.has(start) ? hourCell(byStart.get(start)) : element("td", { className: "num" }, NOTHING))));
  });
  return element("section", { className: "sim-staffing-table", "data-scenario": name, "aria-labelledby": titleId },
    element("h4", { id: titleId }, title),
    element("p", { className: "sim-staffing-counts", "data-short": counts.short, "data-idle": counts.idle }, summary(staffing)),
    element("div", { className: "table-scroll", role: "region", "aria-labelledby": titleId, tabIndex: 0 },
      element("table", { className: "data-table sim-staffing-hours" },
        element("caption", { className: "visually-hidden" }, text("dash.sim.staffing_caption", { scenario: title })),
        element("thead", {}, row([text("dash.sim.staffing_corner"), { scope: "col" }],
          ...starts.map((start) => [digits(start), { scope: "col" }]))),
        element("tbody", {}, ...rows))));
}

export class StaffingAdvice {
  constructor(names) {
    this.names = names;
    this.chart = new HourChart($("sim-staffing-chart"), $("sim-staffing-key"), { steps: true });
  }

  /** Before a run, or for a job from before the advice was kept: the sentence saying what comes. */
  clear() {
    $("sim-staffing-empty").hidden = false;
    $("sim-staffing-body").hidden = true;
  }

  show(result) {
    if (!result.staffing) {
      this.clear();
      return;
    }
    $("sim-staffing-empty").hidden = true;
    $("sim-staffing-body").hidden = false;
    const { target, within_minutes: within } = result.staffing;
    $("sim-staffing-method").textContent = text("dash.sim.staffing_method", {
      target: percent(target), within: minutes(Math.round(within)),
    });
    const { hours, series } = staffingSeries(result);
    this.chart.draw(hours, series.map((entry) => ({ label: text(`dash.sim.staffing.${entry.name}`), values: entry.values })));
    const peak = busiestNeed(result.staffing);
    $("sim-staffing-summary").textContent = [
      summary(result.staffing),
      peak ? text("dash.sim.staffing_peak", {
        clock: digits(peak.clock), needed: number(peak.needed), planned: number(peak.planned, 1),
      }) : text("dash.sim.staffing_no_need"),
    ].join(" ");
    const tables = [table("planned", result.staffing, this.names)];
    if (result.what_if_staffing) tables.push(table("what_if", result.what_if_staffing, this.names));
    $("sim-staffing-tables").replaceChildren(...tables);
  }
}
