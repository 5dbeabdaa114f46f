// The code box: after "Book", when the mobile must be verified, the server holds the time and
// sends a six-digit code by SMS; the citizen types it here (POST /api/v1/booking-holds/{id}/confirm)
// and gets the booking (or the request) the one-step flow would have given. The countdowns show
// how long the time stays held and when another code may be asked for; when the hold runs out the
// page says so and goes back to the form with everything typed still there.

import { api } from "./api.js";
import { plural } from "./format.js";
import { $, busy, clearFieldErrors, digits, focusOn, lang, say, showFieldError, text, westernDigits } from "./ui.js";

const TRY_CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

/** Whole seconds from ``now`` until ``isoInstant`` (0 once it has passed). */
export function secondsUntil(isoInstant, now = Date.now()) {
  return Math.max(0, Math.ceil((Date.parse(isoInstant) - now) / 1000));
}

/** A countdown as a reader sees it: ``9:05`` / ``٩:٠٥`` (minutes, then two-digit seconds). */
export function clockText(seconds, language) {
  const whole = Math.max(0, Math.floor(seconds));
  const shown = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  return digits(shown, language);
}

/** What the citizen typed, as the six ASCII digits the server checks (Arabic-Indic digits,
 *  spaces and dashes allowed). */
export function typedCode(value) {
  return westernDigits(value ?? "");
}

function triesLeft(count) {
  const forms = Object.fromEntries(TRY_CATEGORIES.map((category) => [category, text(`code.tries.${category}`)]));
  return plural(count, forms, lang);
}

/**
 * Show the code box for ``hold`` (the 202 answer: hold_id, expires_at, resend_at, phone_last4,
 * kind). ``onConfirmed(answer)`` gets the 201 booking or the request's 202; ``onBack()`` is called
 * when the citizen goes back to the form (or the hold ran out, with ``expired`` true).
 */
export function openCodeBox(hold, { onConfirmed, onBack }) {
  const box = $("code-box");
  const form = $("code-form");
  const input = $("verification_code");
  const submitButton = $("code-submit");
  const resendButton = $("code-resend");
  const resendNote = $("code-resend-note");
  const error = $("code-error");
  let current = { ...hold };
  let timer = null;

  $("code-box-sent").textContent = text("code.sent", { last4: digits(hold.phone_last4 ?? "", lang) });
  input.value = "";
  say(error, "");
  say(resendNote, "");
  clearFieldErrors(form);

  function close() {
    clearInterval(timer);
    form.removeEventListener("submit", confirm);
    resendButton.removeEventListener("click", resend);
    $("code-back").removeEventListener("click", back);
    box.hidden = true;
  }

  function back() {
    close();
    onBack({ expired: false });
  }

  function expired() {
    close();
    onBack({ expired: true, message: text("code.expired") });
  }

  function tick() {
    const left = secondsUntil(current.expires_at);
    if (left <= 0) return expired();
    const key = current.kind === "request" ? "code.held_request" : "code.held";
    $("code-box-held").textContent = text(key, { time: clockText(left, lang) });
    const wait = current.resend_at ? secondsUntil(current.resend_at) : 0;
    resendButton.disabled = wait > 0 || current.sends_left === 0;
    if (wait > 0) say(resendNote, text("code.resend_wait", { time: clockText(wait, lang) }));
    else if (resendNote.dataset.kind === "wait") say(resendNote, "");
    resendNote.dataset.kind = wait > 0 ? "wait" : "";
  }

  async function confirm(event) {
    event.preventDefault();
    clearFieldErrors(form);
    say(error, "");
    const code = typedCode(input.value);
    if (!/^\d{6}$/.test(code)) {
      showFieldError("verification_code", text("code.wrong", { tries: "" }).trim());
      return focusOn(input);
    }
    busy(submitButton, true, text("code.confirming"));
    try {
      const answer = await api(`/api/v1/booking-holds/${encodeURIComponent(current.hold_id)}/confirm`, {
        method: "POST",
        body: { code },
      });
      close();
      onConfirmed(answer);
    } catch (refusal) {
      if (refusal.code === "wrong_verification_code") {
        const tries = refusal.problem.tries_left ?? 0;
        showFieldError("verification_code", text("code.wrong", { tries: triesLeft(tries) }));
        input.select();
        focusOn(input);
      } else if (refusal.code === "hold_not_found") {
        close();
        onBack({ expired: true, message: refusal.message });
      } else {
        say(error, refusal.message);
        focusOn(error);
      }
    } finally {
      busy(submitButton, false);
    }
  }

  async function resend() {
    busy(resendButton, true);
    try {
      const answer = await api(`/api/v1/booking-holds/${encodeURIComponent(current.hold_id)}/resend`, {
        method: "POST",
        body: {},
      });
      current = { ...current, ...answer };
      resendNote.dataset.kind = "";
      say(resendNote, text("code.resent"));
      input.value = "";
      input.focus();
    } catch (refusal) {
      if (refusal.code === "hold_not_found") {
        close();
        onBack({ expired: true, message: refusal.message });
        return;
      }
      say(resendNote, refusal.message);
    } finally {
      busy(resendButton, false);
      tick();
    }
  }

  form.addEventListener("submit", confirm);
  resendButton.addEventListener("click", resend);
  $("code-back").addEventListener("click", back);
  box.hidden = false;
  tick();
  timer = setInterval(tick, 1000);
  window.scrollTo({ top: 0 });
  focusOn($("code-box-title"));
  return { close };
}
