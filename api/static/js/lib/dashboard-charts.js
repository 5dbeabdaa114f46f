// The dashboard's charts: hours of the day along the bottom, a figure up the side, one line (or
// bars) per series. Drawn with uPlot (api/static/vendor/uplot, MIT, see its README) on a canvas
// that is hidden from assistive technology: each chart sits in a <figure> whose caption says in
// words what it shows and what stands out, and its numbers are in a table on the page (the
// heatmap, or the hour-by-hour table under "the figures").
//
// The canvas runs left to right in both languages, as hours do on a clock face and in every
// Arabic chart of time; its labels are in the page's digits. Colours come from the stylesheet
// (--chart-1 …); each series also has its own dash, and the key under the chart names it, so the
// colour is never the only way to tell two lines apart.

import uPlot from "../../vendor/uplot/uPlot.esm.js";
import { digits, element } from "./ui.js";

const HEIGHT = 220;
const DASHES = [[], [8, 5], [2, 4], [12, 4, 3, 4]];
const FONT = "13px system-ui, -apple-system, 'Segoe UI', sans-serif";

function styleOf(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** "09:00" in the page's digits for the hour 9. */
export function hourLabel(hour) {
  return digits(`${String(hour).padStart(2, "0")}:00`);
}

export class HourChart {
  /** ``box``: the element to draw in; ``key``: the list that names the series; ``bars``: draw
   *  bars (one series) instead of lines; ``steps``: lines that hold each value until the next
   *  point (counters per hour); ``yFormat(v)``: a value as the side axis writes it;
   *  ``yAtLeast``: the top of the side axis at least (100 for percentages). */
  constructor(box, key, { bars = false, steps = false, yFormat = (v) => digits(v), yAtLeast = 1 } = {}) {
    this.box = box;
    this.key = key;
    this.bars = bars;
    this.steps = steps;
    this.yFormat = yFormat;
    this.yAtLeast = yAtLeast;
    this.plot = null;
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(box);
  }

  /** Draw ``series`` ([{label, values}], values per hour, null for none) over ``hours`` (numbers). */
  draw(hours, series) {
    this.plot?.destroy();
    this.plot = null;
    this.box.dataset.series = String(series.length);
    this.box.dataset.points = String(hours.length);
    const colours = [1, 2, 3, 4].map((n) => styleOf(`--chart-${n}`, "#1f5f8b"));
    this.key.replaceChildren(...series.map((entry, index) => element("li", {},
      element("span", { className: "chart-swatch", "data-dash": String(index % DASHES.length), "data-colour": String(index % 4 + 1) }),
      entry.label)));
    // Nothing to draw (no hour, or nothing but zeros): the figure's sentence says so.
    const nothing = !series.some((entry) => entry.values.some((v) => v !== null && v !== 0));
    this.box.hidden = nothing;
    this.key.hidden = nothing;
    if (nothing) return;
    const ink = styleOf("--muted", "#555");
    const line = styleOf("--line-soft", "#ddd");
    const top = Math.max(this.yAtLeast, ...series.flatMap((entry) => entry.values.filter((v) => v !== null)));
    const options = {
      width: Math.max(this.box.clientWidth, 200),
      height: HEIGHT,
      padding: [14, 14, 0, 4],
      legend: { show: false },
      cursor: { show: false },
      scales: {
        // Half an hour either side of the first and last, whatever uPlot makes of one hour alone.
        x: { time: false, range: () => [hours[0] - 0.5, hours[hours.length - 1] + 0.5] },
        y: { range: () => [0, top * 1.1] },
      },
      axes: [
        {
          stroke: ink, font: FONT, grid: { show: false }, ticks: { stroke: line }, space: 34, incrs: [1, 2, 3, 4],
          values: (_, splits) => splits.map((v) => (Number.isInteger(v) ? hourLabel(v) : "")),
        },
        {
          stroke: ink, font: FONT, grid: { stroke: line, width: 1 }, ticks: { stroke: line }, size: 56,
          incrs: this.yAtLeast >= 100 ? [10, 20, 25, 50, 100] : [1, 2, 5, 10, 15, 20, 30, 50, 100, 200],
          values: (_, splits) => splits.map((v) => this.yFormat(v)),
        },
      ],
      series: [{}, ...series.map((entry, index) => ({
        label: entry.label,
        stroke: colours[index % colours.length],
        width: 2.5,
        dash: this.bars ? [] : DASHES[index % DASHES.length],
        fill: this.bars ? colours[index % colours.length] : undefined,
        paths: this.bars ? uPlot.paths.bars({ size: [0.6, 48] }) : this.steps ? uPlot.paths.stepped({ align: 1 }) : undefined,
        points: { show: !this.bars && !this.steps, size: 7 },
      }))],
    };
    this.plot = new uPlot(options, [hours, ...series.map((entry) => entry.values)], this.box);
  }

  fit() {
    if (this.plot && this.box.clientWidth > 0 && this.box.clientWidth !== this.plot.width) {
      this.plot.setSize({ width: this.box.clientWidth, height: HEIGHT });
    }
  }
}
