// Proof of work, asked by the server only while booking traffic is unusually high
// (api/proof_of_work.py): take the ALTCHA challenge the refusal carries (or fetch one), find the
// number whose SHA-256 with the salt is the challenge, and send the solution with the booking in
// `altcha`. Web Crypto only: no library,
// no worker, nothing from elsewhere. Web Crypto needs a secure context (https, or localhost).

import { api, ApiError } from "./api.js";
import { text } from "./ui.js";

export const PROOF_OF_WORK_REQUIRED = "proof_of_work_required";
const BATCH = 256; // digests in flight at once: one await per hash would leave the CPU idle
const encoder = new TextEncoder();

function sameBytes(digest, expected) {
  const bytes = new Uint8Array(digest);
  for (let i = 0; i < expected.length; i += 1) if (bytes[i] !== expected[i]) return false;
  return true;
}

function fromHex(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The number in 0…maxnumber with SHA-256(salt + number) = challenge, or null when none is. */
export async function solve({ challenge, salt, maxnumber }) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    const message = text("pow.unavailable");
    throw new ApiError(0, { code: "proof_of_work_unavailable", detail: message, detail_ar: message });
  }
  const expected = fromHex(challenge);
  for (let start = 0; start <= maxnumber; start += BATCH) {
    const numbers = [];
    for (let n = start; n <= Math.min(start + BATCH - 1, maxnumber); n += 1) numbers.push(n);
    const digests = await Promise.all(numbers.map((n) => subtle.digest("SHA-256", encoder.encode(salt + n))));
    const found = digests.findIndex((digest) => sameBytes(digest, expected));
    if (found >= 0) return numbers[found];
  }
  return null;
}

function isChallenge(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    ["challenge", "salt", "signature", "algorithm"].every((key) => typeof value[key] === "string") &&
    Number.isInteger(value.maxnumber)
  );
}

/**
 * ``given`` solved, or when it is not a challenge a fresh one for ``office`` (its traffic sets the
 * difficulty): the base64 payload to send as ``altcha``.
 */
export async function solvedChallenge(office, given = null) {
  const query = office ? `?office=${encodeURIComponent(office)}` : "";
  const challenge = isChallenge(given) ? given : await api(`/api/v1/altcha/challenge${query}`);
  const number = await solve(challenge);
  if (number === null) throw new ApiError(0, { code: "proof_of_work_unsolved" });
  const { algorithm, salt, signature } = challenge;
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature }));
}

/**
 * ``send(altcha)`` first without a solution; when the server answers proof_of_work_required, solve
 * the challenge its answer carries (``checking(true)`` meanwhile, ``checking(false)`` after) and
 * send once more with the solution.
 */
export async function sendWithProofOfWork(send, { office = null, checking = () => {} } = {}) {
  let challenge;
  try {
    return await send(undefined);
  } catch (error) {
    if (error.code !== PROOF_OF_WORK_REQUIRED) throw error;
    challenge = error.problem?.challenge;
  }
  checking(true);
  let altcha;
  try {
    altcha = await solvedChallenge(office, challenge);
  } finally {
    checking(false);
  }
  return send(altcha);
}
