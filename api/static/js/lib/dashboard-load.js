// The load heatmap: for each coming day, one row per office and one cell per hour, each saying
// "booked / capacity" in the page's digits and coloured by how full the hour is. The numbers
// are the reading; the colour (and ⚠ when over capacity) only helps the eye, and a screen
// reader hears each cell as a sentence ("5 booked of 18").
//
// Rows are grouped by day so that offices can be compared at the same hour, which is where a
// manager sees one hall crowded while the next is half empty.
//
// Beside the table, the same load as a chart, one day at a time (a line per office: how full it
// is each hour), with a sentence naming the busiest hour; the table stays the place of the
// numbers.

import { HourChart } from "./dashboard-charts.js";
import { busiestLoadHour, loadSeries, openDays } from "./dashboard-figures.js";
import { addDays, clockLabel, dayLabel, fillDays, daysBetween, percent } from "./dashboard-format.js";
import { $, element, number, say, text } from "./ui.js";

/** How full an hour is, as the legend names it. */
export function band(booked, capacity) {
  if (!capacity) return booked ? "over" : "closed";
  if (booked > capacity) return "over";
  if (!booked) return "empty";
  const used = booked / capacity;
  return used < 0.5 ? "low" : used < 0.85 ? "mid" : "high";
}

function loadCell(booked, capacity, className = "") {
  const kind = band(booked, capacity);
  if (kind === "closed") {
    return element("td", { className, "data-band": kind }, text("dash.closed"));
  }
  const sentence = text(kind === "over" ? "dash.cell_over" : "dash.cell", { booked, capacity });
  return element("td", { className, "data-band": kind, "data-booked": booked, "data-capacity": capacity },
    element("span", { className: "load-figure", "aria-hidden": "true" },
      `${kind === "over" ? "⚠ " : ""}${number(booked)}/${number(capacity)}`),
    element("span", { className: "visually-hidden" }, sentence));
}

export class LoadMap {
  constructor(session, data) {
    this.session = session;
    this.data = data;
    this.offices = [];
    this.loads = [];
    fillDays($("load-from"), daysBetween(data.today, data.last_day), { chosen: data.today });
    $("load-from").addEventListener("change", () => this.refresh());
    $("load-days").addEventListener("change", () => this.refresh());
    this.chart = new HourChart($("load-chart"), $("load-chart-key"), {
      yFormat: (value) => percent(value / 100), yAtLeast: 100,
    });
    $("load-chart-day").addEventListener("change", () => this.drawChart());
  }

  /** ``offices``: [{id, name}] in the order the rows should follow. */
  async show(offices) {
    this.offices = offices;
    await this.refresh();
  }

  async refresh() {
    const first = $("load-from").value;
    const last = addDays(first, Number($("load-days").value) - 1);
    const errorBox = $("load-error");
    say(errorBox, "");
    try {
      const loads = await Promise.all(this.offices.map((office) => this.session.call(
        `/api/v1/manage/offices/${encodeURIComponent(office.id)}/load?from=${first}&to=${last}`)));
      this.render(loads);
    } catch (error) {
      if (error.status !== 401) say(errorBox, error.message);
    }
  }

  render(loads) {
    const hours = [...new Set(loads.flatMap((load) => load.days.flatMap((day) => day.hours.map((h) => h.hour))))].sort();
    const head = element("thead", {}, element("tr", {},
      element("th", { scope: "col" }, text("dash.load_office")),
      ...hours.map((hour) => element("th", { scope: "col" }, clockLabel(hour))),
      element("th", { scope: "col" }, text("dash.load_total"))));
    const dates = loads[0]?.days.map((day) => day.date) ?? [];
    const bodies = [];
    dates.forEach((date, index) => {
      const ofDay = loads.map((load) => load.days[index]);
      if (ofDay.every((day) => !day.open && !day.booked)) return; // a weekend or a holiday everywhere
      const rows = ofDay.map((day, n) => this.officeRow(this.offices[n], day, hours));
      bodies.push(element("tbody", { "data-date": date },
        element("tr", {}, element("th", { scope: "rowgroup", colSpan: hours.length + 2, className: "day-head" }, dayLabel(date))),
        ...rows));
    });
    const table = $("load-table");
    const caption = element("caption", {}, bodies.length ? text("dash.load_caption") : text("dash.no_load"));
    table.replaceChildren(caption, head, ...bodies);
    this.loads = loads;
    const shown = $("load-chart-day").value;
    const days = openDays(loads);
    fillDays($("load-chart-day"), days, { chosen: days.includes(shown) ? shown : days[0] ?? null });
    $("load-chart-figure").hidden = !days.length;
    this.drawChart();
  }

  /** The chosen day as a line per office, and the sentence that says what stands out. */
  drawChart() {
    const date = $("load-chart-day").value;
    if (!date) return;
    const { hours, series } = loadSeries(this.loads, date);
    this.chart.draw(hours, series.map((values, index) => ({ label: this.offices[index].name, values })));
    const busiest = busiestLoadHour(this.loads, date);
    $("load-chart-summary").textContent = busiest
      ? text("dash.load_chart_busiest", {
        day: dayLabel(date),
        office: this.offices[busiest.index].name,
        hour: clockLabel(busiest.hour),
        booked: busiest.booked,
        capacity: busiest.capacity,
        percent: percent(busiest.booked / busiest.capacity),
      })
      : text("dash.load_chart_empty", { day: dayLabel(date) });
  }

  officeRow(office, day, hours) {
    const name = element("th", { scope: "row" }, office.name);
    const attributes = { "data-office": office.id, "data-date": day.date };
    if (!day.open && !day.booked) {
      return element("tr", attributes, name,
        element("td", { colSpan: hours.length + 1, "data-band": "closed" }, text("dash.closed")));
    }
    const byHour = Object.fromEntries(day.hours.map((h) => [h.hour, h]));
    const cells = hours.map((hour) => {
      const entry = byHour[hour];
      const cell = entry ? loadCell(entry.booked, entry.capacity) : loadCell(0, 0);
      cell.dataset.hour = hour;
      return cell;
    });
    const total = day.open ? loadCell(day.booked, day.capacity, "total")
      : element("td", { className: "total", "data-band": "over" }, text("dash.closed_booked", { booked: day.booked }));
    return element("tr", attributes, name, ...cells, total);
  }
}
