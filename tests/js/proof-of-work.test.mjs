// lib/proof-of-work.js: a booking refused with proof_of_work_required is sent again with the
// solution of the challenge that refusal carried (kept on the error by lib/api.js), and a
// challenge is fetched only when the refusal had none. Solved with Node's Web Crypto.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { afterEach, describe, it } from "node:test";

import { ApiError } from "../../api/static/js/lib/api.js";
import { sendWithProofOfWork } from "../../api/static/js/lib/proof-of-work.js";

function challengeFor(number, salt) {
  const challenge = createHash("sha256").update(`${salt}${number}`).digest("hex");
  return { algorithm: "SHA-256", challenge, maxnumber: 1000, salt, signature: "signed-by-the-server" };
}

function decoded(altcha) {
  return JSON.parse(Buffer.from(altcha, "base64").toString());
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("sendWithProofOfWork", () => {
  it("solves the challenge the refusal carries and fetches none", async () => {
    const fetched = [];
    globalThis.fetch = async (url) => {
      fetched.push(url);
      throw new Error("no challenge should be fetched");
    };
    const carried = challengeFor(417, "salt-of-the-refusal?expires=1");
    const sent = [];
    const booked = await sendWithProofOfWork(async (altcha) => {
      sent.push(altcha);
      if (altcha === undefined) {
        throw new ApiError(428, { code: "proof_of_work_required", reason: "missing", challenge: carried });
      }
      return { code: "ABCD2345" };
    });
    assert.deepEqual(booked, { code: "ABCD2345" });
    assert.deepEqual(fetched, []);
    assert.equal(sent.length, 2);
    const { maxnumber, ...signed } = carried;
    assert.equal(maxnumber, 1000);
    assert.deepEqual(decoded(sent[1]), { ...signed, number: 417 });
  });

  it("fetches a challenge for the office when the refusal carries none", async () => {
    const fetched = [];
    const fresh = challengeFor(3, "fresh-salt");
    globalThis.fetch = async (url) => {
      fetched.push(url);
      return new Response(JSON.stringify(fresh), { status: 200, headers: { "Content-Type": "application/json" } });
    };
    const sent = [];
    await sendWithProofOfWork(
      async (altcha) => {
        sent.push(altcha);
        if (altcha === undefined) throw new ApiError(428, { code: "proof_of_work_required" });
        return {};
      },
      { office: "giza-passports" },
    );
    assert.deepEqual(fetched, ["/api/v1/altcha/challenge?office=giza-passports"]);
    assert.equal(decoded(sent[1]).number, 3);
  });

  it("lets any other refusal through untouched", async () => {
    const refusal = new ApiError(409, { code: "slot_full", detail: "full", detail_ar: "مكتمل" });
    await assert.rejects(
      sendWithProofOfWork(async () => {
        throw refusal;
      }),
      (error) => error === refusal && error.problem.code === "slot_full",
    );
  });
});
