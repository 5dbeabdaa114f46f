// Rebalance plans on the dashboard: after a closure, the manager previews where the bookings
// that no longer fit would go (each move, and who could not be placed and why), then applies
// the plan after saying yes to what it will do. The server keeps the plan as previewed and
// applies it once; a booking that changed since the preview is left alone and counted. How far
// the moves go is said in words; the plan's own measures are behind "technical figures".

import { NOTHING, dayLabel, daysBetween, fillDays, row, slotLabel } from "./dashboard-format.js";
import { $, busy, element, focusOn, lang, number, say, text } from "./ui.js";

const STATS = [
  ["displaced", "plan.displaced"],
  ["moved_same_office_same_day", "plan.same_day"],
  ["moved_same_office_other_day", "plan.other_day"],
  ["moved_other_office", "plan.other_office"],
  ["unplaced", "plan.unplaced"],
  ["stayed", "plan.stayed"],
];

export class Plans {
  /** ``officeName(id)`` names any office (moves may go to another); ``onApplied()`` after applying. */
  constructor(session, data, { officeName, onApplied }) {
    this.session = session;
    this.data = data;
    this.officeName = officeName;
    this.onApplied = onApplied;
    this.plan = null;
    const days = daysBetween(data.today, data.last_day);
    fillDays($("plan-from"), days, { chosen: data.today });
    fillDays($("plan-to"), days, { chosen: data.today });
    $("plan-from").addEventListener("change", () => {
      if ($("plan-to").value < $("plan-from").value) $("plan-to").value = $("plan-from").value;
    });
    $("plan-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.preview($("plan-from").value, $("plan-to").value);
    });
    document.querySelector('[data-action="apply-plan"]').addEventListener("click", () => this.confirm());
    $("apply-dialog").addEventListener("close", () => {
      if ($("apply-dialog").returnValue === "apply") this.apply();
    });
  }

  setOffice(officeId) {
    this.officeId = officeId;
    this.plan = null;
    $("plan").hidden = true;
    say($("plan-error"), "");
  }

  /** Preview the plan for ``first``–``last`` (one day when ``last`` is absent). */
  async preview(first, last = first) {
    $("plan-from").value = first;
    $("plan-to").value = last;
    say($("plan-error"), "");
    const button = $("plan-form").querySelector('[type="submit"]');
    busy(button, true);
    try {
      this.plan = await this.session.call(`/api/v1/manage/offices/${encodeURIComponent(this.officeId)}/rebalance-plans`, {
        method: "POST", body: { from: first, to: last },
      });
      this.render();
      focusOn($("plan-title"));
    } catch (error) {
      if (error.status !== 401) {
        $("plan").hidden = true;
        say($("plan-error"), error.message);
        focusOn($("plan-error"));
      }
    } finally {
      busy(button, false);
    }
  }

  /** When (and where, if not at the plan's own office) a booking is or would be. */
  where(place) {
    const when = slotLabel(place.start);
    return place.office_id === this.plan.office_id ? when : `${when} — ${this.officeName(place.office_id)}`;
  }

  render() {
    const plan = this.plan;
    $("plan-title").textContent = plan.from === plan.to
      ? text("dash.plan_heading_day", { day: dayLabel(plan.from) })
      : text("dash.plan_heading", { from: dayLabel(plan.from), to: dayLabel(plan.to) });
    $("plan-stats").replaceChildren(...STATS.map(([field, key]) => element("div", {
      "data-stat": field, "data-none": !plan.stats[field] ? "true" : null,
    }, element("dt", {}, text(`dash.${key}`)), element("dd", {}, number(plan.stats[field] ?? 0)))));
    this.renderSummary(plan);
    const names = this.data.services;
    $("move-rows").replaceChildren(...plan.moves.map((move) => row(
      [move.booking_code, { scope: "row", className: "code" }],
      names[move.service] ?? move.service,
      this.where(move.from),
      this.where(move.to),
      [move.distance_km ? text("dash.km", { km: number(move.distance_km, 1) }) : NOTHING, { className: "num" }],
    )));
    $("unplaced-rows").replaceChildren(...plan.unplaced.map((item) => row(
      [item.booking_code, { scope: "row", className: "code" }],
      names[item.service] ?? item.service,
      this.where(item.from),
      lang === "ar" ? item.reason_detail_ar : item.reason_detail,
    )));
    const nothing = !plan.moves.length && !plan.unplaced.length;
    $("plan-moves").hidden = !plan.moves.length;
    $("plan-unplaced").hidden = !plan.unplaced.length;
    $("plan-empty").hidden = !nothing;
    const apply = document.querySelector('[data-action="apply-plan"]');
    apply.hidden = nothing || plan.status !== "preview";
    apply.disabled = false;
    say($("plan-result"), "");
    $("plan").hidden = false;
  }

  /** How far the moves go, in words; the plan's own measures behind "technical figures". */
  renderSummary(plan) {
    const away = plan.moves.filter((move) => move.to.office_id !== plan.office_id);
    const furthest = Math.max(0, ...away.map((move) => move.distance_km));
    const line = !plan.moves.length ? "" : away.length
      ? text("dash.plan_summary.away", { n: away.length, km: text("dash.km", { km: number(furthest, 1) }) })
      : text("dash.plan_summary.same_office", { n: plan.moves.length });
    say($("plan-summary"), line);
    const technical = [
      ["plan.travel", text("dash.km", { km: number(plan.stats.travel_km ?? 0, 1) })],
      ["plan.solve_seconds", text("dash.seconds", { s: number(plan.stats.solve_seconds ?? 0, 2) })],
      ...(plan.stats.cost === undefined ? [] : [["plan.cost", number(plan.stats.cost, 1)]]),
    ];
    $("plan-technical").replaceChildren(...technical.map(([key, value]) => element("div", {},
      element("dt", {}, text(`dash.${key}`)), element("dd", {}, value))));
  }

  confirm() {
    $("apply-question").textContent = text("dash.apply_question", {
      moves: this.plan.moves.length, unplaced: this.plan.unplaced.length,
    });
    $("apply-dialog").returnValue = "";
    $("apply-dialog").showModal();
  }

  async apply() {
    const button = document.querySelector('[data-action="apply-plan"]');
    busy(button, true);
    try {
      const result = await this.session.call(`/api/v1/manage/rebalance-plans/${encodeURIComponent(this.plan.plan_id)}/apply`, {
        method: "POST",
      });
      busy(button, false);
      button.hidden = true;
      const message = text("dash.applied", { moved: result.moved, cancelled: result.cancelled, skipped: result.skipped.length });
      say($("plan-result"), message);
      focusOn($("plan-result"));
      this.onApplied();
    } catch (error) {
      busy(button, false);
      if (error.status !== 401) {
        say($("plan-error"), error.message);
        focusOn($("plan-error"));
      }
    }
  }
}
