// The hall hears each call: a chime (Web Audio), then the announcement spoken in Arabic and then
// in English (speechSynthesis), one call after the other so two calls never talk over each other.
//
// Browsers keep audio off until someone touches the page (autoplay policy). A hall TV is best
// started with Chromium's --autoplay-policy=no-user-gesture-required; otherwise the page shows
// a bubble, and one tap anywhere on the screen turns the sound on for the day. The bubble goes
// as soon as the sound is on, and after OFFER_MS in any case: a TV nobody touches must not
// carry it all day (a tap anywhere still turns the sound on afterwards).

const PAUSE_BETWEEN_CALLS_MS = 800;
const LONGEST_SENTENCE_MS = 8000;
export const OFFER_MS = 60_000;

let audio = null;
let soundButton = null;
let offering = false;

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function audioContext() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return null;
  if (!audio) {
    audio = new Context();
    audio.addEventListener("statechange", showOffer);
  }
  showOffer();
  return audio;
}

function showOffer() {
  if (soundButton) soundButton.hidden = !(offering && audio?.state === "suspended");
}

/** "running", "suspended" (waiting for a tap) or "none" (no Web Audio, or not made yet). */
export function soundState() {
  return audio?.state ?? "none";
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

/** The sound bubble: shown while the browser keeps audio off, for OFFER_MS at most. A tap or a
 *  key anywhere (the bubble included) turns the sound on and takes the bubble away at once,
 *  without waiting for the audio device (which a TV with no speakers never gives). */
export function offerSound(button) {
  soundButton = button;
  offering = true;
  const turnOn = () => {
    offering = false;
    button.hidden = true;
    audioContext()?.resume().catch(() => {}); // a no-op once the sound is on
  };
  document.addEventListener("pointerdown", turnOn);
  document.addEventListener("keydown", turnOn);
  setTimeout(() => {
    offering = false;
    showOffer();
  }, OFFER_MS);
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
