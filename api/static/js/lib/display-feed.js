// Following an office's display feed (WS /ws/offices/{id}/display), for every page that shows
// the hall live: the TV board and the counter console.
//
// The feed's contract (DESIGN.md §4): a snapshot or the missed events first, then every event
// with the office's next seq, and a ping every few seconds. So the follower
//  - hands on an event only if its seq is the next one; a gap means "reconnect with after=",
//    which makes the server replay what was missed (or send a fresh snapshot);
//  - treats silence longer than two and a half pings as a dead link and says so (a stale view
//    must never pass for a live one), then reconnects with backoff and jitter, so a hall of
//    screens does not reconnect in one wave after a restart.

const MAX_BACKOFF_MS = 4_000; // a screen is back within a few seconds of its server
const OPEN = 1; // WebSocket.OPEN

/** The browser's WebSocket to the office's feed, asking for what came after ``seq`` (if any). */
export function openDisplaySocket(officeId, seq) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const after = seq === null ? "" : `?after=${seq}`;
  return new WebSocket(`${scheme}//${location.host}/ws/offices/${encodeURIComponent(officeId)}/display${after}`);
}

/**
 * Follow the feed of ``officeId``. ``seq`` is the last event the page already shows (a board
 * the server rendered), or null to start from the snapshot the server sends first.
 *
 * ``onMessage(message, replaying)`` gets the snapshot and each event in order; ``replaying`` is
 * true until the first ping, while the server is still sending what was missed.
 * ``onConnection("live" | "stale")`` hears when the link comes and goes; ``onPing(at)`` hears
 * the server's clock. ``openSocket(officeId, seq)`` opens the link (the browser's WebSocket unless
 * told otherwise). Returns ``stop()``, for a page that moves on to another office.
 */
export function followDisplayFeed(
  officeId, { seq = null, pingSeconds, onMessage, onConnection, onPing, openSocket = openDisplaySocket },
) {
  const staleAfterMs = pingSeconds * 2500;
  let socket = null;
  let lastHeard = Date.now();
  let failures = 0;
  let replaying = true;
  let connection = "connecting";
  let stopped = false;

  function setConnection(next) {
    if (connection === next) return;
    connection = next;
    onConnection?.(next);
  }

  function receive(message) {
    if (stopped) return;
    lastHeard = Date.now();
    if (message.type === "ping") {
      onPing?.(message.at);
      replaying = false;
      failures = 0;
      setConnection("live");
      return;
    }
    if (message.type === "error") {
      console.warn("display feed:", message.code, message.detail);
      return;
    }
    if (message.type !== "snapshot" && seq !== null) {
      if (message.seq <= seq) return; // seen already
      if (message.seq !== seq + 1) {
        socket.close(); // a gap: the server replays from seq on the next connection
        return;
      }
    }
    onMessage(message, replaying);
    seq = message.seq;
  }

  function connect() {
    replaying = true;
    socket = openSocket(officeId, seq);
    socket.onopen = () => (lastHeard = Date.now());
    socket.onmessage = (frame) => receive(JSON.parse(frame.data));
    socket.onclose = () => {
      socket = null;
      if (stopped) return;
      if (connection === "live") setConnection("stale");
      failures += 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 5));
      setTimeout(connect, backoff / 2 + Math.random() * (backoff / 2));
    };
  }

  function watchdog() {
    if (Date.now() - lastHeard <= staleAfterMs) return;
    setConnection("stale");
    // An open socket that went silent is dead; one still connecting is left to its own timeout.
    if (socket && socket.readyState === OPEN) socket.close();
  }

  const watching = setInterval(watchdog, 1000);
  connect();
  return function stop() {
    stopped = true;
    clearInterval(watching);
    socket?.close();
  };
}
