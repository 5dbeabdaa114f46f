// The question box on the home page: asks GET /api/v1/guide/answer in place of the plain form's
// page load, shows the answer with its documents, source and links (or that nothing matched, with
// the guide), and asks "did this help?" once per answer. Text only: no innerHTML.

import { api } from "./api.js";
import { $, busy, element, lang, say, text } from "./ui.js";

const box = $("question-box");

function links(list) {
  return element("ul", { className: "question-links", id: "question-links" },
    ...list.map((link) => element("li", {}, element("a", { href: link.href }, link.label))));
}

function render(found) {
  const answer = $("question-answer");
  answer.replaceChildren();
  if (found.answer === null) {
    answer.append(element("p", { id: "question-answer-text" }, text("guide.none")), links(found.links));
  } else {
    answer.append(element("p", { id: "question-answer-text", dir: "auto", "data-entry": found.entry_id }, found.answer));
    if (found.documents.length) {
      answer.append(
        element("h3", { className: "card-subtitle" }, text("guide.documents")),
        element("ul", { className: "documents-list", id: "question-documents" },
          ...found.documents.map((document) => element("li", {}, document))),
      );
    }
    answer.append(element("p", { className: "hint", id: "question-source" }, text("guide.source", { source: found.source })));
    if (found.links.length) answer.append(links(found.links));
  }
  answer.hidden = false;
  const feedback = $("question-feedback");
  feedback.dataset.entry = found.entry_id || "";
  feedback.hidden = !found.entry_id;
  say($("question-thanks"), "");
}

async function ask(event) {
  event.preventDefault();
  const input = $("question-input");
  const button = event.target.querySelector('button[type="submit"]');
  say($("question-input-error"), "");
  input.removeAttribute("aria-invalid");
  busy(button, true, text("guide.asking"));
  try {
    const query = new URLSearchParams({ q: input.value, lang });
    render(await api(`/api/v1/guide/answer?${query}`));
  } catch (error) {
    say($("question-input-error"), error.message);
    input.setAttribute("aria-invalid", "true");
  } finally {
    busy(button, false);
  }
}

async function rate(event) {
  const button = event.target.closest("button[data-helpful]");
  const feedback = $("question-feedback");
  if (!button || !feedback.dataset.entry) return;
  try {
    await api(`/api/v1/guide/answer/${encodeURIComponent(feedback.dataset.entry)}/feedback`, {
      method: "POST",
      body: { helpful: button.dataset.helpful === "true" },
    });
  } catch {
    // a lost vote is not worth an error on the citizen's screen
  }
  feedback.hidden = true;
  say($("question-thanks"), text("guide.thanks"));
}

if (box) {
  $("question-form").addEventListener("submit", ask);
  $("question-feedback").addEventListener("click", rate);
  const shown = $("question-answer-text")?.dataset.entry;
  if (shown) {
    $("question-feedback").dataset.entry = shown;
    $("question-feedback").hidden = false;
  }
}
