// Staff log-in for the kiosk and the counter console.
//
// The token lives in the tab's sessionStorage: it survives a reload and the language switch,
// ends with the tab, and never appears in an address (where it would reach logs and history).
// Every call goes through session.call(); a 401 (expired or revoked token) forgets the token
// and sends the page back to its log-in form, with a message that says why.

import { api } from "./api.js";
import { busy, clearFieldErrors, focusOn, say, showFieldError, text } from "./ui.js";

export class StaffSession {
  /**
   * ``key`` names the page's slot in sessionStorage; ``refusal(user)`` returns the key of the
   * message that says why this account may not use the page, or null when it may.
   */
  constructor(key, refusal) {
    this.key = key;
    this.refusal = refusal;
    this.onExpired = () => {};
  }

  /** The logged-in staff member ({username, role, offices, token}), or null. */
  get user() {
    let user = null;
    try {
      user = JSON.parse(sessionStorage.getItem(this.key) || "null");
    } catch {
      user = null;
    }
    if (user && user.expiresAt > Date.now()) return user;
    if (user) this.logOut();
    return null;
  }

  async logIn(username, password) {
    const reply = await api("/api/v1/auth/token", { method: "POST", body: { username, password } });
    const user = {
      username,
      role: reply.role,
      offices: reply.offices,
      token: reply.access_token,
      expiresAt: Date.now() + reply.expires_in * 1000,
    };
    const refused = this.refusal(user);
    if (refused) throw new Error(text(refused));
    sessionStorage.setItem(this.key, JSON.stringify(user));
    return user;
  }

  logOut() {
    sessionStorage.removeItem(this.key);
  }

  /** The API with the staff token; a 401 logs out and hands the page to onExpired. */
  async call(path, options = {}) {
    const user = this.user;
    if (!user) {
      this.onExpired();
      throw Object.assign(new Error(text("login.expired")), { status: 401 });
    }
    try {
      return await api(path, { ...options, token: user.token });
    } catch (error) {
      if (error.status === 401) {
        this.logOut();
        this.onExpired();
      }
      throw error;
    }
  }
}

/** Drive the log-in form of templates/staff/_login.html; ``onLoggedIn(user)`` when it worked. */
export function wireLoginForm(session, onLoggedIn) {
  const form = document.getElementById("login-form");
  const errorBox = document.getElementById("login-error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    say(errorBox, "");
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    if (!username) showFieldError("username", text("error.required"));
    if (!password) showFieldError("password", text("error.required"));
    if (!username || !password) {
      form.querySelector('[aria-invalid="true"]').focus();
      return;
    }
    const button = form.querySelector('[type="submit"]');
    busy(button, true, text("login.busy"));
    try {
      const user = await session.logIn(username, password);
      form.reset();
      onLoggedIn(user);
    } catch (error) {
      say(errorBox, error.status === 401 ? text("login.wrong") : error.message);
      focusOn(errorBox);
    } finally {
      busy(button, false);
    }
  });
}

/** Show the log-in form, with why (an ended session) when there is a reason. */
export function askToLogIn(reason = "") {
  say(document.getElementById("login-error"), reason);
  focusOn(document.getElementById(reason ? "login-error" : "login-title"));
}
