// The optimiser on the dashboard: run it over the pending flexible requests of some of the
// manager's offices and days, watch its progress, and read its result beside the
// first-come-first-served baseline (placed, busiest hall, spread, distance, crowding cost, and
// how far the cost can be from the best possible).
//
// The job runs on the server whether or not anyone watches; the page remembers the job it
// started (sessionStorage), so a reload goes back to watching it.

import { NOTHING, daysBetween, fillDays, percent, row } from "./dashboard-format.js";
import { $, busy, element, focusOn, number, say, text } from "./ui.js";

const JOB_KEY = "mawid.dashboard.job";
const POLL_MS = 600;

/** [label key, how to read it from a metrics object, whether lower is better]. */
const METRICS = [
  ["dash.metric.placed", (m) => text("dash.placed_of", { placed: m.placed, requests: m.requests }), false, (m) => m.placed],
  ["dash.metric.peak", (m) => percent(m.peak_utilisation), true, (m) => m.peak_utilisation],
  ["dash.metric.peak_hour", (m) => percent(m.peak_hour_utilisation), true, (m) => m.peak_hour_utilisation],
  ["dash.metric.spread", (m) => number(m.utilisation_std, 3), true, (m) => m.utilisation_std],
  ["dash.metric.distance", (m) => text("dash.km", { km: number(m.mean_distance_km, 1) }), true, (m) => m.mean_distance_km],
  ["dash.metric.crowding", (m) => number(m.crowding_cost, 1), true, (m) => m.crowding_cost],
  ["dash.metric.objective", (m) => number(m.objective, 1), true, (m) => m.objective],
];

function phaseText(phase) {
  const key = `dash.phase.${String(phase || "").replace(/[^a-z]+/gi, "_").toLowerCase()}`;
  const known = text(key);
  return known === key ? text("dash.phase.other") : known;
}

export class Optimiser {
  constructor(session, data, { onDone }) {
    this.session = session;
    this.data = data;
    this.onDone = onDone;
    this.timer = null;
    const days = daysBetween(data.today, data.last_day);
    fillDays($("optimise-from"), days, { blank: text("dash.whole_window"), chosen: "" });
    fillDays($("optimise-to"), days, { blank: text("dash.whole_window"), chosen: "" });
    $("optimise-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
  }

  /** The offices a run may cover ([{id, name}]), and which of them are ticked at first. */
  setOffices(offices, ticked) {
    $("optimise-offices").replaceChildren(...offices.map((office) => element("label", { className: "choice" },
      element("input", { type: "checkbox", name: "office", value: office.id, checked: ticked.includes(office.id) }),
      element("span", { className: "choice-body" }, element("span", { className: "choice-title" }, office.name)))));
  }

  resume() {
    const remembered = sessionStorage.getItem(JOB_KEY);
    if (remembered) this.watch(remembered);
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  async run() {
    const form = $("optimise-form");
    const errorBox = $("optimise-error");
    say(errorBox, "");
    const offices = [...form.querySelectorAll('input[name="office"]:checked')].map((input) => input.value);
    const first = $("optimise-from").value;
    const last = $("optimise-to").value;
    const refusal = !offices.length ? "dash.error.no_office" : first && last && last < first ? "dash.error.days_backwards" : null;
    if (refusal) {
      say(errorBox, text(refusal));
      focusOn(errorBox);
      return;
    }
    const body = { offices, ...(first ? { from: first } : {}), ...(last ? { to: last } : {}) };
    const button = form.querySelector('[type="submit"]');
    busy(button, true);
    try {
      const job = await this.session.call("/api/v1/manage/optimise", { method: "POST", body });
      sessionStorage.setItem(JOB_KEY, job.job_id);
      this.watch(job.job_id);
    } catch (error) {
      busy(button, false);
      if (error.status !== 401) {
        say(errorBox, error.message);
        focusOn(errorBox);
      }
    }
  }

  async watch(jobId) {
    this.stop();
    $("job").hidden = false;
    $("job-result").hidden = true;
    const button = $("optimise-form").querySelector('[type="submit"]');
    let job;
    try {
      job = await this.session.call(`/api/v1/manage/jobs/${encodeURIComponent(jobId)}`);
    } catch (error) {
      if (error.status === 404 || error.status === 403) sessionStorage.removeItem(JOB_KEY); // not ours any more
      if (error.status !== 401) this.showStatus("failed", error.message);
      busy(button, false);
      return;
    }
    $("job-progress").value = Math.round(job.progress.fraction * 100);
    if (job.status === "queued" || job.status === "running") {
      busy(button, true);
      this.showStatus(job.status, job.status === "queued"
        ? text("dash.job.queued") : text("dash.job.running", { phase: phaseText(job.progress.phase) }));
      this.timer = setTimeout(() => this.watch(jobId), POLL_MS);
      return;
    }
    busy(button, false);
    if (job.status === "failed") {
      this.showStatus("failed", text("dash.job.failed"));
      return;
    }
    this.showStatus("done", text("dash.job.done"));
    this.render(job.result);
    this.onDone();
  }

  showStatus(status, message) {
    const line = $("job-status");
    line.dataset.status = status;
    line.textContent = message;
  }

  render(result) {
    const unassigned = Object.values(result.unassigned ?? {}).reduce((sum, n) => sum + n, 0);
    const counts = [
      ["requests", result.requests], ["assigned", result.assigned],
      ["unassigned", unassigned], ["left_pending", result.left_pending],
    ];
    $("job-counts").replaceChildren(...counts.map(([name, value]) => element("div", { className: "figure", "data-count": name },
      element("dt", {}, text(`dash.result.${name}`)), element("dd", {}, number(value ?? 0)))));
    $("job-reasons").replaceChildren(...Object.entries(result.unassigned ?? {}).map(([reason, n]) => {
      const known = text(`dash.reason.${reason}`);
      return element("li", {}, `${known.startsWith("dash.") ? reason : known}: ${number(n)}`);
    }));
    const compare = $("job-compare");
    const notes = [];
    if (result.optimiser && result.greedy) {
      compare.replaceChildren(
        element("caption", { className: "visually-hidden" }, text("dash.compare_heading")),
        element("thead", {}, row([text("dash.metric"), { scope: "col" }], [text("dash.optimiser"), { scope: "col" }],
          [text("dash.greedy"), { scope: "col" }])),
        element("tbody", {}, ...METRICS.map(([key, show, lowerIsBetter, value]) => {
          const ours = value(result.optimiser);
          const theirs = value(result.greedy);
          const better = lowerIsBetter ? ours < theirs : ours > theirs;
          return row([text(key), { scope: "row" }], [show(result.optimiser), { className: better ? "better" : "" }],
            show(result.greedy));
        })));
      if (result.peak_reduction_vs_greedy) notes.push(text("dash.peak_reduction", { percent: percent(result.peak_reduction_vs_greedy) }));
      if (result.lower_bound !== null && result.lower_bound !== undefined) {
        notes.push(text("dash.bound", { bound: number(result.lower_bound, 1), gap: result.gap === null ? NOTHING : percent(result.gap, 1) }));
      }
      if (result.verified) notes.push(text("dash.verified"));
    } else {
      compare.replaceChildren();
      notes.push(text("dash.nothing_pending"));
    }
    compare.hidden = !(result.optimiser && result.greedy);
    $("job-notes").replaceChildren(...notes.map((note) => element("li", {}, note)));
    $("job-result").hidden = false;
  }
}
