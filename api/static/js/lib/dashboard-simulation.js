// "Simulate a day" on the dashboard: choose a day of the office shown (the next one it opens, at
// first), add what-if changes if you like (a counter more or fewer at some hours, one closed all
// day), run it, follow the job, then read the plan beside a walk-in-only hall (and the what-if):
// where the figures came from, waits, how busy the counters are, who is still waiting at closing,
// the queue through the day and the waits per service, and the staffing advice
// (dashboard-staffing.js). The figures are worked out in simulation-figures.js and
// simulation-inputs.js.
//
// The job runs on the server whether or not anyone watches; the page polls it until it is done.

import { HourChart } from "./dashboard-charts.js";
import { NOTHING, count, dayLabel, duration, fillDays, percent, row } from "./dashboard-format.js";
import { StaffingAdvice, counted } from "./dashboard-staffing.js";
import {
  busiestQueue, changeOf, clockTimes, headline, hoursOn, nextOpenDay, openDays, progressPercent, queueSeries,
  scenariosOf, serviceWaits, whatIfEffect,
} from "./simulation-figures.js";
import { provenanceParts } from "./simulation-inputs.js";
import { $, busy, digits, element, focusOn, lang, minutes, number, say, text } from "./ui.js";

const POLL_MS = 500;
const KINDS = ["add_counter", "remove_counter", "close_counter"];

/** [label key, how to show it, the figure] for the side-by-side table. */
const MEASURES = [
  ["mean", (s) => withMargin(s.mean_wait_minutes, s.ci95_mean_wait_minutes)],
  ["p90", (s) => duration(s.p90_wait_minutes)],
  ["max", (s) => duration(s.max_wait_minutes)],
  ["utilisation", (s) => percent(s.utilisation)],
  ["waiting_at_closing", (s) => count(s.waiting_at_closing === null ? null : Math.round(s.waiting_at_closing))],
];

function withMargin(value, margin) {
  if (value === null || value === undefined) return NOTHING;
  if (margin === null || margin === undefined) return duration(value);
  return text("dash.sim.plus_minus", { value: duration(value), margin: number(margin, 1) });
}

function scenarioName(name) {
  return text(`dash.sim.scenario.${name}`);
}

/** The walk-in scenarios' headers point at the note under the table saying what each is. */
const NOTED = new Set(["walk_in_fcfs", "walk_in_same_times"]);

/** Each part of the provenance line (simulation-inputs.js) in the page's words. */
const SAY_PART = {
  bookings: ({ n }) => text("dash.sim.inputs.bookings", { n }),
  bookings_expected: ({ n, expected }) => text("dash.sim.inputs.bookings_expected", { n, expected }),
  history: ({ weeks, days, tickets }) => text("dash.sim.inputs.history", {
    weeks: counted("dash.sim.weeks", weeks), days: counted("dash.sim.open_days", days),
    tickets: counted("dash.sim.tickets", tickets),
  }),
  no_show: ({ share }) => text("dash.sim.inputs.no_show", { share: percent(share) }),
  early: ({ minutes: m }) => text("dash.sim.inputs.early", { minutes: minutes(m) }),
  late: ({ minutes: m }) => text("dash.sim.inputs.late", { minutes: minutes(m) }),
};

/** The provenance line: its parts joined, a sentence in the page's language. */
export function provenanceLine(inputs) {
  const parts = provenanceParts(inputs).map(({ key, counts }) => {
    if (SAY_PART[key]) return SAY_PART[key](counts);
    if (key.startsWith("walk_ins.")) return text(`dash.sim.inputs.${key}`, { n: counted("dash.sim.walk_ins", counts.n) });
    return text(`dash.sim.inputs.${key}`);
  });
  return parts.length ? `${parts.join(lang === "ar" ? "؛ " : "; ")}.` : "";
}

export class Simulation {
  constructor(session, data) {
    this.session = session;
    this.data = data;
    this.office = null;
    this.timer = null;
    this.rows = 0;
    this.chart = new HourChart($("sim-queue-chart"), $("sim-queue-key"), { yFormat: (v) => digits(v) });
    this.staffing = new StaffingAdvice(data.services ?? {});
    $("sim-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
    $("sim-day").addEventListener("change", () => this.refreshHours());
    document.querySelector('[data-action="sim-add-change"]').addEventListener("click", () => {
      const added = this.addChange();
      added.querySelector("select").focus();
    });
  }

  /** Show the panel for ``office`` (the public office detail: hours and counters). */
  open(office) {
    this.stop();
    this.office = office;
    const days = openDays(office.hours, this.data.today, this.data.last_day);
    fillDays($("sim-day"), days, { chosen: nextOpenDay(office.hours, this.data.today, this.data.last_day) ?? days[0] ?? "" });
    $("sim-change-rows").replaceChildren();
    $("sim-job").hidden = true;
    $("sim-result").hidden = true;
    this.staffing.clear();
    say($("sim-error"), "");
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** The clock times a change may use on the day chosen. */
  times() {
    const hours = hoursOn(this.office?.hours, $("sim-day").value);
    return hours ? clockTimes(hours) : [];
  }

  timeSelect(id, chosen) {
    const select = element("select", { id, name: id });
    select.replaceChildren(...this.times().map((time) => element("option", { value: time }, digits(time))));
    if (chosen) select.value = chosen;
    return select;
  }

  field(id, label, control) {
    return element("div", { className: "field" }, element("label", { htmlFor: id }, label), control);
  }

  /** A what-if row: what to change, when, and which counter. */
  addChange() {
    this.rows += 1;
    const n = this.rows;
    const kind = element("select", { id: `sim-kind-${n}`, name: `sim-kind-${n}`, "data-change": "kind" },
      ...KINDS.map((value) => element("option", { value }, text(`dash.sim.kind.${value}`))));
    const times = this.times();
    const from = this.timeSelect(`sim-from-${n}`, times[Math.min(2, times.length - 1)]);
    const to = this.timeSelect(`sim-to-${n}`, times[Math.min(6, times.length - 1)]);
    from.dataset.change = "from";
    to.dataset.change = "to";
    const counter = element("select", { id: `sim-counter-${n}`, name: `sim-counter-${n}`, "data-change": "counter" });
    const hoursPart = element("div", { className: "field-pair", "data-part": "hours" },
      this.field(from.id, text("dash.sim.from"), from), this.field(to.id, text("dash.sim.to"), to));
    const counterPart = element("div", { "data-part": "counter" }, this.field(counter.id, text("dash.sim.counter"), counter));
    const remove = element("button", { type: "button", className: "button button-quiet" }, text("dash.sim.remove"));
    const item = element("li", { className: "sim-change", "data-row": String(n) },
      this.field(kind.id, text("dash.sim.kind"), kind), hoursPart, counterPart, remove);
    const fit = () => {
      hoursPart.hidden = kind.value === "close_counter";
      counterPart.hidden = kind.value === "add_counter";
      const counters = (this.office?.counters ?? []).map((c) => element("option", { value: String(c.id) },
        text("dash.sim.counter_label", { label: digits(c.label) })));
      if (kind.value === "remove_counter") counters.unshift(element("option", { value: "" }, text("dash.sim.counter_any")));
      const kept = counter.value;
      counter.replaceChildren(...counters);
      if ([...counter.options].some((option) => option.value === kept)) counter.value = kept;
    };
    kind.addEventListener("change", fit);
    remove.addEventListener("click", () => {
      item.remove();
      this.numberRows();
      document.querySelector('[data-action="sim-add-change"]').focus();
    });
    fit();
    $("sim-change-rows").append(item);
    this.numberRows();
    return item;
  }

  /** Each row's remove button says which change it removes, as the rows are numbered now. */
  numberRows() {
    [...$("sim-change-rows").children].forEach((item, index) => {
      item.querySelector("button").setAttribute("aria-label", text("dash.sim.remove_change", { n: index + 1 }));
    });
  }

  /** The day's hours changed: every row's times follow, keeping what still fits. */
  refreshHours() {
    for (const select of $("sim-change-rows").querySelectorAll('[data-change="from"], [data-change="to"]')) {
      const kept = select.value;
      select.replaceChildren(...this.times().map((time) => element("option", { value: time }, digits(time))));
      if ([...select.options].some((option) => option.value === kept)) select.value = kept;
    }
  }

  changes() {
    return [...$("sim-change-rows").children].map((item) => {
      const value = (name) => item.querySelector(`[data-change="${name}"]`).value;
      return changeOf({ kind: value("kind"), from: value("from"), to: value("to"), counter: value("counter") });
    });
  }

  async run() {
    const errorBox = $("sim-error");
    say(errorBox, "");
    const day = $("sim-day").value;
    if (!day) {
      say(errorBox, text("dash.sim.no_day"));
      focusOn(errorBox);
      return;
    }
    const button = $("sim-form").querySelector('[type="submit"]');
    busy(button, true);
    try {
      const job = await this.session.call(`/api/v1/manage/offices/${encodeURIComponent(this.office.id)}/simulations`, {
        method: "POST", body: { day, changes: this.changes() },
      });
      $("sim-result").hidden = true;
      this.staffing.clear();
      this.follow(job, button);
    } catch (error) {
      busy(button, false);
      if (error.status !== 401) {
        say(errorBox, error.message);
        focusOn(errorBox);
      }
    }
  }

  async follow(job, button) {
    this.stop();
    $("sim-job").hidden = false;
    $("sim-progress").value = progressPercent(job);
    const status = $("sim-status");
    status.dataset.status = job.status;
    if (job.status === "queued" || job.status === "running") {
      status.textContent = job.status === "queued" ? text("dash.sim.queued")
        : text("dash.sim.running", { percent: percent(job.progress) });
      this.timer = setTimeout(async () => {
        try {
          this.follow(await this.session.call(`/api/v1/manage/simulations/${encodeURIComponent(job.id)}`), button);
        } catch (error) {
          busy(button, false);
          if (error.status !== 401) {
            status.dataset.status = "failed";
            status.textContent = error.message;
          }
        }
      }, POLL_MS);
      return;
    }
    busy(button, false);
    if (job.status === "failed") {
      status.textContent = (document.documentElement.lang === "en" ? job.reason_detail : job.reason_detail_ar) || job.reason_detail;
      return;
    }
    status.textContent = text("dash.sim.done");
    this.render(job);
  }

  render(job) {
    const result = job.result;
    const names = scenariosOf(result);
    $("sim-result-heading").textContent = text("dash.sim.result_heading", { day: dayLabel(job.day) });
    const head = headline(result);
    $("sim-headline").textContent = text(`dash.sim.headline.${head.key}`, { percent: percent(head.share) });
    $("sim-headline").dataset.headline = head.key;
    const effect = whatIfEffect(result);
    $("sim-what-if").hidden = !effect;
    if (effect) $("sim-what-if").textContent = text(`dash.sim.what_if.${effect.key}`, { percent: percent(effect.share) });
    say($("sim-inputs"), provenanceLine(result.inputs));

    $("sim-compare").replaceChildren(
      element("caption", { className: "visually-hidden" }, text("dash.sim.compare_caption")),
      element("thead", {}, row([text("dash.sim.measure"), { scope: "col" }],
        ...names.map((name) => [scenarioName(name), {
          scope: "col", "data-scenario": name, "aria-describedby": NOTED.has(name) ? `sim-note-${name}` : null,
        }]))),
      element("tbody", {}, ...MEASURES.map(([key, show]) => row([text(`dash.sim.measure.${key}`), { scope: "row" }],
        ...names.map((name) => [show(result.scenarios[name]), { className: "num", "data-scenario": name, "data-measure": key }])))));

    const { hours, series } = queueSeries(result);
    this.chart.draw(hours, series.map((entry) => ({ label: scenarioName(entry.name), values: entry.values })));
    const busiest = busiestQueue(result, "planned");
    $("sim-queue-summary").textContent = busiest
      ? text("dash.sim.queue_busiest", { n: Math.round(busiest.people), clock: digits(busiest.clock) })
      : text("dash.sim.queue_empty");

    const services = this.data.services ?? {};
    $("sim-services").replaceChildren(
      element("caption", { className: "visually-hidden" }, text("dash.sim.services_caption")),
      element("thead", {}, row(...["service", "scenario", "p50", "p90", "max"].map((key) => [text(`dash.sim.${key}`), { scope: "col" }]))),
      element("tbody", {}, ...serviceWaits(result).flatMap(({ service, waits }) => names.filter((name) => waits[name]).map((name) => row(
        [services[service] ?? service, { scope: "row" }], scenarioName(name),
        [duration(waits[name].p50), { className: "num" }], [duration(waits[name].p90), { className: "num" }],
        [duration(waits[name].max), { className: "num" }])))));
    this.staffing.show(result);
    $("sim-result").hidden = false;
    focusOn($("sim-result-heading"));
  }
}
