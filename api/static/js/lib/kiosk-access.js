// Larger text and spoken prompts at the kiosk: two toggles on every screen a citizen sees. Each is
// kept in the tab's sessionStorage, so it survives a switch of language (a page load), until the
// visit ends and the kiosk goes back to its start screen for the next person (forget()).
//
// The prompts are spoken with the hall display's voice (display-voice.js: speechSynthesis) in the
// screen's language; a new prompt cuts the last one short, so the kiosk never talks over itself.

import { speak } from "./display-voice.js";

const VOICES = { ar: "ar-EG", en: "en-GB" };
const OFF = { large: false, voice: false };
const BREAK = "\u2029"; // between the blocks of a spoken node: each is said as a sentence

function silence() {
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
}

export class KioskAccess {
  /** ``key`` names the setting in sessionStorage; ``buttons`` are the two toggles, whose
   *  ``aria-pressed`` says whether each is on. */
  constructor(key, lang, { large, voice }) {
    this.key = key;
    this.voiceLang = VOICES[lang] ?? VOICES.ar;
    this.buttons = { large, voice };
    this.state = { ...OFF, ...this.load() };
    this.apply();
    large.addEventListener("click", () => this.set("large", !this.state.large));
    voice.addEventListener("click", () => {
      this.set("voice", !this.state.voice);
      if (!this.state.voice) silence();
      else this.onVoiceOn?.();
    });
  }

  load() {
    try {
      return JSON.parse(sessionStorage.getItem(this.key) || "{}");
    } catch {
      return {};
    }
  }

  set(name, on) {
    this.state[name] = on;
    sessionStorage.setItem(this.key, JSON.stringify(this.state));
    this.apply();
  }

  apply() {
    document.documentElement.classList.toggle("kiosk-large", this.state.large);
    this.buttons.large.setAttribute("aria-pressed", String(this.state.large));
    this.buttons.voice.setAttribute("aria-pressed", String(this.state.voice));
  }

  /** Say ``sentences`` (joined) if the citizen turned spoken prompts on; cut the last prompt. */
  say(...sentences) {
    const words = sentences.filter(Boolean).join(" ");
    if (!this.state.voice || !words) return;
    silence();
    speak(words, this.voiceLang);
  }

  /** The visit is over: the next citizen starts with neither. */
  forget() {
    sessionStorage.removeItem(this.key);
    this.state = { ...OFF };
    this.apply();
    silence();
  }
}

/** The words of ``node`` a listener should hear: its text without what is only drawn (the
 *  ``aria-hidden`` icons), each part of it ended like a sentence. */
export function spokenWords(node) {
  const parts = [];
  const walk = (element) => {
    for (const child of element.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) parts.push(child.textContent.replaceAll(BREAK, " "));
      else if (child.nodeType === Node.ELEMENT_NODE && child.getAttribute("aria-hidden") !== "true") {
        const before = parts.length;
        walk(child);
        if (parts.length > before && getComputedStyle(child).display !== "inline") parts.push(BREAK);
      }
    }
  };
  walk(node);
  return parts.join("").split(BREAK).map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean)
    .map((line) => (/[.:؟?!،]$/.test(line) ? line : `${line}.`)).join(" ");
}

/** What a screen says aloud: its visible ``[data-spoken]`` parts in order; a ticket's fact rows
 *  (a ``<div>`` of ``<dt>`` and ``<dd>``) as "label: value". */
export function spokenText(section) {
  const parts = [];
  for (const part of section.querySelectorAll("[data-spoken]")) {
    if (part.closest("[hidden]")) continue;
    const term = part.querySelector(":scope > dt");
    const value = part.querySelector(":scope > dd");
    const words = term && value ? `${term.textContent.trim()}: ${value.textContent.trim()}.` : spokenWords(part);
    if (words.trim()) parts.push(words.trim());
  }
  return parts.join(" ");
}
