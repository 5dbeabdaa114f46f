// The feedback page (/feedback/{token}): a rating from 1 to 5 and an optional comment, sent once
// to POST /api/v1/feedback/{token}; then a thank-you. The comment box counts down the characters
// left in the page's digits and plural, and tells a screen reader only once typing pauses.

import { api } from "../lib/api.js";
import { plural } from "../lib/format.js";
import { $, busy, focusOn, lang, pageData, say, text } from "../lib/ui.js";

const data = pageData("feedback-data");
const form = $("feedback-form");
const comment = $("comment");
const button = form.querySelector('button[type="submit"]');
const LOW = 50; // from here on the count is shown as a warning
let announce = null;

const CATEGORIES = ["zero", "one", "two", "few", "many", "other"];

function charactersLeft(count) {
  const forms = Object.fromEntries(CATEGORIES.map((category) => [category, text(`feedback.left.${category}`)]));
  return plural(count, forms, lang);
}

function showCount({ speak = true } = {}) {
  const left = Math.max(0, data.max_comment - comment.value.length);
  const counter = $("comment-count");
  counter.textContent = charactersLeft(left);
  counter.toggleAttribute("data-low", left <= LOW);
  clearTimeout(announce);
  if (speak) announce = setTimeout(() => { $("comment-count-live").textContent = counter.textContent; }, 1000);
}

function chosenRating() {
  const checked = form.querySelector('input[name="rating"]:checked');
  return checked ? Number(checked.value) : null;
}

function showRatingError(message) {
  say($("rating-error"), message);
}

async function send(event) {
  event.preventDefault();
  say($("feedback-error"), "");
  const rating = chosenRating();
  if (rating === null) {
    showRatingError(text("feedback.choose"));
    form.querySelector('input[name="rating"]').focus();
    return;
  }
  showRatingError("");
  const typed = comment.value.trim();
  busy(button, true, text("feedback.sending"));
  try {
    const kept = await api(`/api/v1/feedback/${encodeURIComponent(data.token)}`, {
      method: "POST",
      body: typed ? { rating, comment: typed } : { rating },
    });
    form.hidden = true;
    $("masked-note").hidden = !typed || kept.comment === typed;
    $("feedback-thanks").hidden = false;
    focusOn($("thanks-title"));
  } catch (error) {
    busy(button, false);
    // A link answered meanwhile (in another tab) or expired cannot be sent again.
    if (error.status === 404 || error.status === 409) button.disabled = true;
    say($("feedback-error"), error.message);
    focusOn($("feedback-error"));
  }
}

form.addEventListener("submit", send);
form.addEventListener("change", (event) => {
  if (event.target.name === "rating") showRatingError("");
});
comment.addEventListener("input", () => showCount());
showCount({ speak: false });
button.disabled = false;
