// The optimiser on the dashboard: preview what a run over the pending flexible requests of some
// of the manager's offices and days would do, read it in words (how many would get a time,
// where and on which days, each office's busiest hour now and after, how it compares with first
// come, first served), then book it as previewed, after saying yes. The optimiser's own
// measures (spread, crowding cost, the bound) are under "technical figures".
//
// The server keeps the preview's decisions and books exactly those, once (a second click is
// refused: 409); the preview writes nothing. A job runs on the server whether or not anyone
// watches; the page remembers the job it follows (sessionStorage), so a reload goes back to it.

import { busiestHall } from "./dashboard-figures.js";
import { NOTHING, clockLabel, dayLabel, daysBetween, fillDays, percent, row } from "./dashboard-format.js";
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

function refusedCount(result) {
  return Object.values(result.unassigned ?? {}).reduce((sum, n) => sum + n, 0);
}

/** How the job's words read: a preview says what would happen, the others what did. */
function tense(job) {
  return job.mode === "preview" ? "would" : "did";
}

export class Optimiser {
  /** ``officeName(id)`` names an office; ``onDone()`` after bookings were written. */
  constructor(session, data, { officeName, onDone }) {
    this.session = session;
    this.data = data;
    this.officeName = officeName;
    this.onDone = onDone;
    this.timer = null;
    this.job = null;
    this.asked = false; // the manager started what is followed now (not a reload): take them to it
    const days = daysBetween(data.today, data.last_day);
    fillDays($("optimise-from"), days, { blank: text("dash.whole_window"), chosen: "" });
    fillDays($("optimise-to"), days, { blank: text("dash.whole_window"), chosen: "" });
    $("optimise-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.preview();
    });
    document.querySelector('[data-action="apply-preview"]').addEventListener("click", () => this.confirm());
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

  async start(path, body) {
    const errorBox = $("optimise-error");
    const button = $("optimise-form").querySelector('[type="submit"]');
    busy(button, true);
    try {
      const job = await this.session.call(path, { method: "POST", body });
      sessionStorage.setItem(JOB_KEY, job.job_id);
      this.asked = true;
      this.watch(job.job_id);
    } catch (error) {
      busy(button, false);
      if (error.status !== 401) {
        say(errorBox, error.message);
        focusOn(errorBox);
      }
    }
  }

  async preview() {
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
    const body = { offices, preview: true, ...(first ? { from: first } : {}), ...(last ? { to: last } : {}) };
    await this.start("/api/v1/manage/optimise", body);
  }

  confirm() {
    const result = this.job.result;
    $("optimise-dialog-question").textContent = text("dash.optimise_apply_question", {
      placed: result.assigned, refused: refusedCount(result),
    });
    const dialog = $("optimise-dialog");
    dialog.returnValue = "";
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "apply") this.apply();
    }, { once: true });
    dialog.showModal();
  }

  async apply() {
    const button = document.querySelector('[data-action="apply-preview"]');
    busy(button, true);
    say($("optimise-error"), "");
    try {
      const job = await this.session.call(`/api/v1/manage/jobs/${encodeURIComponent(this.job.job_id)}/apply`, { method: "POST" });
      sessionStorage.setItem(JOB_KEY, job.job_id);
      button.hidden = true;
      this.asked = true;
      this.watch(job.job_id);
    } catch (error) {
      busy(button, false);
      if (error.status !== 401) {
        say($("optimise-error"), error.message);
        focusOn($("optimise-error"));
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
    if (job.mode === "preview" && job.applied_by) {
      this.watch(job.applied_by); // booked since: follow what the booking did
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
      this.showStatus("failed", text(job.mode === "preview" ? "dash.job.preview_failed" : "dash.job.failed"));
      return;
    }
    this.job = job;
    this.showStatus("done", text(job.mode === "preview" ? "dash.job.preview_done" : "dash.job.done"));
    this.render(job);
    if (job.mode !== "preview") this.onDone();
  }

  showStatus(status, message) {
    const line = $("job-status");
    line.dataset.status = status;
    line.textContent = message;
  }

  /** "الاثنين ١٤ ديسمبر، الساعة ١٠:٠٠: ١٢ من ٢٠ (٦٠٪)", or "—". */
  hourText(entry) {
    if (!entry) return NOTHING;
    if (!entry.booked) return text("dash.busiest_none"); // an empty hall has no busiest hour
    return text("dash.busiest_cell", {
      day: dayLabel(entry.date), hour: clockLabel(entry.hour),
      booked: entry.booked, capacity: entry.capacity, percent: percent(entry.utilisation),
    });
  }

  /** The sentences a manager reads first. */
  summary(job) {
    const result = job.result;
    const how = tense(job);
    const lines = [];
    if (!result.requests) return [text("dash.nothing_pending")];
    lines.push(text(`dash.summary.placed_${how}`, { placed: result.assigned, requests: result.requests }));
    const refused = refusedCount(result);
    if (refused) lines.push(text(`dash.summary.refused_${how}`, { n: refused }));
    if (result.left_pending) lines.push(text("dash.summary.left_pending", { n: result.left_pending }));
    if (result.no_longer_pending) lines.push(text("dash.summary.gone", { n: result.no_longer_pending }));
    const { after } = busiestHall(result.busiest);
    if (after && result.assigned) {
      lines.push(text(`dash.summary.busiest_${how}`, {
        office: this.officeName(after.office_id), day: dayLabel(after.date), hour: clockLabel(after.hour),
        booked: after.booked, capacity: after.capacity, percent: percent(after.utilisation),
      }));
    }
    if (result.optimiser && result.greedy && result.assigned) {
      lines.push(text("dash.summary.against_greedy", {
        greedy: percent(result.greedy.peak_hour_utilisation), ours: percent(result.optimiser.peak_hour_utilisation),
      }));
      if (result.optimiser.mean_distance_km > 0) {
        lines.push(text("dash.summary.distance", { km: text("dash.km", { km: number(result.optimiser.mean_distance_km, 1) }) }));
      }
    }
    return lines;
  }

  render(job) {
    const result = job.result;
    $("job-heading").textContent = text(`dash.job_heading.${job.mode === "preview" ? "preview" : "done"}`);
    $("job-summary").replaceChildren(...this.summary(job).map((line) => element("li", {}, line)));
    $("job-reasons").replaceChildren(...Object.entries(result.unassigned ?? {}).map(([reason, n]) => {
      const known = text(`dash.reason.${reason}`);
      return element("li", { "data-reason": reason }, `${known.startsWith("dash.") ? reason : known}: ${number(n)}`);
    }));

    const where = result.by_office_day ?? [];
    $("where-rows").replaceChildren(...where.map((entry) => row(
      [this.officeName(entry.office_id), { scope: "row" }], dayLabel(entry.date), [number(entry.placed), { className: "num" }])));
    $("job-where").hidden = !where.length;
    const busiest = (result.busiest ?? []).filter((entry) => entry.before || entry.after);
    $("busiest-rows").replaceChildren(...busiest.map((entry) => row(
      [this.officeName(entry.office_id), { scope: "row" }], this.hourText(entry.before), this.hourText(entry.after))));
    $("job-busiest").hidden = !busiest.length || !result.assigned;

    const counts = [
      ["requests", result.requests], ["assigned", result.assigned],
      ["unassigned", refusedCount(result)], ["left_pending", result.left_pending],
    ];
    $("job-counts").replaceChildren(...counts.map(([name, value]) => element("div", { className: "figure", "data-count": name },
      element("dt", {}, text(`dash.result.${name}`)), element("dd", {}, number(value ?? 0)))));
    this.renderTechnical(result);

    const apply = document.querySelector('[data-action="apply-preview"]');
    const decided = result.assigned + refusedCount(result);
    apply.hidden = job.mode !== "preview" || !decided;
    apply.disabled = false;
    apply.textContent = text("dash.apply_preview", { n: result.assigned });
    $("job-result").hidden = false;
    if (this.asked) focusOn($("job-heading"));
    this.asked = false;
  }

  /** The optimiser beside first come, first served, and how close to the best possible. */
  renderTechnical(result) {
    const compare = $("job-compare");
    const notes = [];
    const both = result.optimiser && result.greedy;
    if (both) {
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
    }
    compare.hidden = !both;
    $("job-notes").replaceChildren(...notes.map((note) => element("li", {}, note)));
  }
}
