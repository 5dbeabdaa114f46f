// lib/display-feed.js, the follower of an office's display feed that the TV board, the counter
// console and the dashboard share, against a hand-driven feed: the server side of each link is a
// FakeSocket the test speaks through, and the clock moves only when the test moves it.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";

import { followDisplayFeed, openDisplaySocket } from "../../api/static/js/lib/display-feed.js";
import { FakeTime } from "./fake-time.mjs";

const PING_SECONDS = 5; // silence longer than 12.5 s is a dead link
const MAX_BACKOFF_MS = 4_000;

class FakeSocket {
  constructor(officeId, after) {
    this.officeId = officeId;
    this.after = after;
    this.readyState = 0; // connecting
    this.closedByPage = false;
  }

  accept() {
    this.readyState = 1;
    this.onopen?.();
  }

  send(message) {
    this.onmessage({ data: JSON.stringify(message) });
  }

  /** The page closes the link; the browser tells it so a moment later. */
  close() {
    if (this.readyState >= 2) return;
    this.closedByPage = true;
    this.readyState = 3;
    setTimeout(() => this.onclose?.(), 0);
  }

  /** The server goes away. */
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const event = (seq) => ({ type: "event", kind: "ticket_called", seq });
const snapshot = (seq) => ({ type: "snapshot", seq, waiting: [], serving: [] });
const ping = { type: "ping", at: "2026-12-07T07:00:05Z" };

let time;
let sockets;
let seen;
let connections;
let pings;

function follow(seq = null) {
  return followDisplayFeed("giza-passports", {
    seq,
    pingSeconds: PING_SECONDS,
    onMessage: (message, replaying) => seen.push([message.type, message.seq, replaying]),
    onConnection: (state) => connections.push(state),
    onPing: (at) => pings.push(at),
    openSocket: (officeId, after) => {
      const socket = new FakeSocket(officeId, after);
      sockets.push(socket);
      return socket;
    },
  });
}

/** Move the clock on until the follower opens its next link; how long that took. */
function untilReconnect() {
  const count = sockets.length;
  const start = Date.now();
  while (sockets.length === count) {
    time.advance(50);
    assert.ok(Date.now() - start <= 60_000, "the follower never reconnected");
  }
  return Date.now() - start;
}

beforeEach(() => {
  time = new FakeTime().install();
  sockets = [];
  seen = [];
  connections = [];
  pings = [];
});

afterEach(() => time.uninstall());

describe("following the feed in order", () => {
  it("hands on the snapshot and then each event, replaying until the first ping", () => {
    const stop = follow();
    assert.equal(sockets.length, 1);
    assert.equal(sockets[0].officeId, "giza-passports");
    assert.equal(sockets[0].after, null);

    sockets[0].accept();
    sockets[0].send(snapshot(10));
    sockets[0].send(event(11));
    sockets[0].send(event(12));
    assert.deepEqual(connections, []); // not live before the server says it is caught up
    sockets[0].send(ping);
    sockets[0].send(event(13));

    assert.deepEqual(seen, [["snapshot", 10, true], ["event", 11, true], ["event", 12, true], ["event", 13, false]]);
    assert.deepEqual(connections, ["live"]);
    assert.deepEqual(pings, [ping.at]);
    stop();
  });

  it("starts after the board the server rendered", () => {
    const stop = follow(5);
    assert.equal(sockets[0].after, 5);
    sockets[0].accept();
    sockets[0].send(event(6));
    assert.deepEqual(seen, [["event", 6, true]]);
    stop();
  });

  it("drops events it has shown already (a replay that overlaps)", () => {
    const stop = follow(8);
    sockets[0].accept();
    sockets[0].send(event(7));
    sockets[0].send(event(8));
    sockets[0].send(event(9));
    assert.deepEqual(seen, [["event", 9, true]]);
    assert.equal(sockets[0].closedByPage, false);
    stop();
  });

  it("shows neither an error nor lets it move the count on", (t) => {
    const warn = t.mock.method(console, "warn", () => {});
    const stop = follow(3);
    sockets[0].accept();
    sockets[0].send({ type: "error", code: "office_not_found", detail: "No such office." });
    sockets[0].send(event(4));
    assert.deepEqual(seen, [["event", 4, true]]);
    assert.equal(warn.mock.callCount(), 1);
    stop();
  });
});

describe("a gap in seq", () => {
  it("is never shown: the link is closed and the next one asks for what came after the last shown", () => {
    const stop = follow(5);
    sockets[0].accept();
    sockets[0].send(event(6));
    sockets[0].send(ping);
    sockets[0].send(event(8)); // 7 was lost
    assert.deepEqual(seen, [["event", 6, true]]);
    assert.ok(sockets[0].closedByPage);
    time.advance(0); // the browser reports the close
    assert.deepEqual(connections, ["live", "stale"]);

    untilReconnect();
    assert.equal(sockets[1].after, 6);
    sockets[1].accept();
    sockets[1].send(event(7)); // the server replays from 6 on
    sockets[1].send(event(8));
    assert.deepEqual(connections, ["live", "stale"]); // still stale while it catches up
    sockets[1].send(ping);
    sockets[1].send(event(9));

    assert.deepEqual(seen, [["event", 6, true], ["event", 7, true], ["event", 8, true], ["event", 9, false]]);
    assert.deepEqual(connections, ["live", "stale", "live"]);
    stop();
  });

  it("after which the server's fresh snapshot (its history ran out) replaces everything", () => {
    const stop = follow(12);
    sockets[0].accept();
    sockets[0].send(event(20));
    untilReconnect();
    assert.equal(sockets[1].after, 12);
    sockets[1].accept();
    sockets[1].send(snapshot(40));
    sockets[1].send(event(13)); // older than the snapshot
    sockets[1].send(event(41));
    assert.deepEqual(seen, [["snapshot", 40, true], ["event", 41, true]]);
    stop();
  });

  it("is caught however many events went missing, for any last-shown seq", () => {
    for (const [last, next] of [[0, 2], [1, 100], [99, 101], [1_000_000, 1_000_007]]) {
      seen = [];
      sockets = [];
      const stop = follow(last);
      sockets[0].accept();
      sockets[0].send(event(next));
      assert.deepEqual(seen, [], `${last} → ${next}`);
      assert.ok(sockets[0].closedByPage);
      stop();
    }
  });
});

describe("a link gone quiet or away", () => {
  it("turns the view stale after two and a half pings of silence and reopens the link", () => {
    const stop = follow(2);
    sockets[0].accept();
    sockets[0].send(ping);
    assert.deepEqual(connections, ["live"]);

    time.advance(PING_SECONDS * 2_500 - 1_000);
    assert.deepEqual(connections, ["live"]);
    time.advance(2_000);
    assert.deepEqual(connections, ["live", "stale"]);
    assert.ok(sockets[0].closedByPage);

    untilReconnect();
    assert.equal(sockets[1].after, 2);
    sockets[1].accept();
    sockets[1].send(ping);
    assert.deepEqual(connections, ["live", "stale", "live"]);
    stop();
  });

  it("backs off between attempts, never longer than a few seconds, and starts over after a ping", () => {
    const stop = follow(1);
    const waits = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      sockets.at(-1).drop();
      waits.push(untilReconnect());
    }
    assert.ok(waits[0] >= 500 && waits[0] <= 1_050, `first wait ${waits[0]}`);
    for (const wait of waits.slice(4)) assert.ok(wait >= MAX_BACKOFF_MS / 2 && wait <= MAX_BACKOFF_MS + 50, `wait ${wait}`);

    sockets.at(-1).accept();
    sockets.at(-1).send(ping);
    sockets.at(-1).drop();
    assert.ok(untilReconnect() <= 1_050); // a link that worked is retried at once again
    stop();
  });

  it("stops for good when the page moves on", () => {
    const stop = follow(1);
    sockets[0].accept();
    stop();
    assert.ok(sockets[0].closedByPage);
    sockets[0].send(event(2));
    time.advance(60_000);
    assert.equal(sockets.length, 1);
    assert.deepEqual(seen, []);
  });
});

describe("the browser's link", () => {
  afterEach(() => {
    delete globalThis.location;
    delete globalThis.WebSocket;
  });

  it("goes to the office's feed on the page's own host, asking for what came after seq", () => {
    globalThis.WebSocket = class {
      constructor(url) {
        this.url = url;
      }
    };
    globalThis.location = { protocol: "https:", host: "mawid.example" };
    assert.equal(openDisplaySocket("giza/passports", 7).url, "wss://mawid.example/ws/offices/giza%2Fpassports/display?after=7");
    assert.equal(openDisplaySocket("giza", 0).url, "wss://mawid.example/ws/offices/giza/display?after=0");
    globalThis.location = { protocol: "http:", host: "127.0.0.1:8000" };
    assert.equal(openDisplaySocket("giza", null).url, "ws://127.0.0.1:8000/ws/offices/giza/display");
  });
});
