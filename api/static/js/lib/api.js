// Talking to the JSON API. A refusal arrives as problem+json with a stable `code` and a message
// in each language; the page shows the server's message in its own language. The whole problem
// stays on the error (`error.problem`): some refusals carry what the page needs next, such as the
// challenge of a proof_of_work_required.

import { lang, text, westernDigits } from "./ui.js";

export class ApiError extends Error {
  constructor(status, problem) {
    const message = (lang === "ar" ? problem.detail_ar : problem.detail) || problem.detail || text("error.network");
    super(message);
    this.status = status;
    this.code = problem.code || "error";
    this.problem = problem;
  }
}

function headersFor({ body, identity, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`; // staff pages (staff-session.js)
  // Header values must be Latin-1: an ID typed in Arabic-Indic digits would make fetch throw.
  if (identity) headers["X-Identity-Number"] = westernDigits(identity);
  return headers;
}

async function send(path, options = {}) {
  try {
    return await fetch(path, {
      method: options.method || "GET",
      headers: headersFor(options),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, { code: "network_error" });
  }
}

async function refusal(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // not JSON (a proxy's error page): fall back to the generic message
  }
  return new ApiError(response.status, problem);
}

/** Call the API and return the decoded JSON, or throw an ApiError with the server's message. */
export async function api(path, options = {}) {
  const response = await send(path, options);
  if (!response.ok) throw await refusal(response);
  return response.status === 204 ? null : response.json();
}

/** Download the booking's .ics file; it needs the identity header, so a plain link cannot. */
export async function downloadCalendar(code, identity) {
  const response = await send(`/api/v1/bookings/${encodeURIComponent(code)}/calendar.ics`, { identity });
  if (!response.ok) throw await refusal(response);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: `mawid-${code}.ics` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
