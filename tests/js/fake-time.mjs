// A clock the test moves by hand: setTimeout, setInterval and Date.now on globalThis, replaced
// for the process (Node runs each test file in a process of its own). Written here rather than
// taken from node:test's mock.timers, which Debian's Node 18 lacks for Date.

export class FakeTime {
  constructor(start = Date.parse("2026-12-07T07:00:00Z")) {
    this.now = start;
    this.timers = new Map();
    this.nextId = 1;
  }

  install() {
    this.saved = {
      setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout,
      setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval, now: Date.now,
    };
    globalThis.setTimeout = (callback, ms = 0) => this.add(callback, ms, null);
    globalThis.setInterval = (callback, ms = 0) => this.add(callback, ms, Math.max(1, ms));
    globalThis.clearTimeout = globalThis.clearInterval = (id) => this.timers.delete(id);
    Date.now = () => this.now;
    return this;
  }

  uninstall() {
    Object.assign(globalThis, {
      setTimeout: this.saved.setTimeout, clearTimeout: this.saved.clearTimeout,
      setInterval: this.saved.setInterval, clearInterval: this.saved.clearInterval,
    });
    Date.now = this.saved.now;
  }

  add(callback, ms, every) {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + Math.max(0, ms), callback, every });
    return id;
  }

  /** Move the clock on by ``ms``, running every timer that falls due, in order. */
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      let dueId = null;
      for (const [id, timer] of this.timers) {
        if (timer.at <= end && (dueId === null || timer.at < this.timers.get(dueId).at)) dueId = id;
      }
      if (dueId === null) break;
      const timer = this.timers.get(dueId);
      this.now = Math.max(this.now, timer.at);
      if (timer.every === null) this.timers.delete(dueId);
      else timer.at += timer.every;
      timer.callback();
    }
    this.now = end;
  }
}
