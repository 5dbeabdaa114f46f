// The hall hears each call: a chime (Web Audio), then the announcement spoken in Arabic and then
// in English (speechSynthesis), one call after the other so two calls never talk over each other.
//
// Browsers keep audio off until someone touches the page (autoplay policy). A hall TV is best
// started with Chromium's --autoplay-policy=no-user-gesture-required; otherwise the page shows
// a button, and one tap turns the sound on for the day.

const PAUSE_BETWEEN_CALLS_MS = 800;
const LONGEST_SENTENCE_MS = 8000;

let audio = null;
let soundButton = null;

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function audioContext() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return null;
  audio ??= new Context();
  if (soundButton) soundButton.hidden = audio.state !== "suspended";
  return audio;
}

/** Two falling tones, the hall's familiar "ding-dong". */
async function chime() {
  const context = audioContext();
  if (!context || context.state !== "running") return pause(300);
  for (const [frequency, offset] of [[880, 0], [660, 0.45]]) {
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, context.currentTime + offset);
    gain.gain.exponentialRampToValueAtTime(0.4, context.currentTime + offset + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + offset + 0.9);
    tone.connect(gain).connect(context.destination);
    tone.start(context.currentTime + offset);
    tone.stop(context.currentTime + offset + 1);
  }
  return pause(1300);
}

/** Speak and wait for the end, but never longer than a long sentence takes. (The kiosk's spoken
 *  prompts use it too: lib/kiosk-access.js.) */
export function speak(text, lang) {
  if (!("speechSynthesis" in window) || !text) return Promise.resolve();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.rate = 0.9;
    const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang.slice(0, 2)));
    if (voice) utterance.voice = voice;
    utterance.onend = () => resolve();
    utterance.onerror = () => resolve();
    setTimeout(resolve, LONGEST_SENTENCE_MS);
    speechSynthesis.speak(utterance);
  });
}

/** The sound button: shown while the browser keeps audio off, gone after one tap. */
export function offerSound(button) {
  soundButton = button;
  button.addEventListener("click", async () => {
    const context = audioContext();
    if (context) await context.resume();
    button.hidden = true;
  });
  audioContext();
}

/** A function that announces a call event; ``show`` puts the call on the screen meanwhile. */
export function announcer(show) {
  const calls = [];
  let calling = false;

  async function next() {
    const event = calls.shift();
    if (!event) {
      calling = false;
      return;
    }
    calling = true;
    show(event);
    await chime();
    await speak(event.announce.ar, "ar-EG");
    await speak(event.announce.en, "en-GB");
    await pause(PAUSE_BETWEEN_CALLS_MS);
    next();
  }

  return (event) => {
    calls.push(event);
    if (!calling) next();
  };
}
