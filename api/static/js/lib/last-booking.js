// The last booking made on this device, so that Back, Reload or a closed tab never lose its code.
// Only what the confirmation showed and nobody could misuse alone is kept: the code, the service,
// the office and the time — never the identity number, the name or the mobile (a code is useless
// without the identity number it was booked under). Kept until its visit day has passed.

const KEY = "mawid.last-booking";

function store(storage) {
  if (storage !== undefined) return storage;
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage switched off (private mode in some browsers): nothing is remembered
  }
}

/** Keep ``booking``'s code, service, office and start. */
export function remember(booking, storage = undefined) {
  const kept = {
    code: booking.code,
    service: booking.service,
    office_id: booking.office_id,
    start: booking.start,
    end: booking.end,
  };
  try {
    store(storage)?.setItem(KEY, JSON.stringify(kept));
  } catch {
    // full or refused: the confirmation on screen is all the citizen gets, as before
  }
}

/** The booking kept, or null once its visit has ended (and then it is forgotten). */
export function recall(now = new Date(), storage = undefined) {
  const kept = store(storage);
  let found = null;
  try {
    found = JSON.parse(kept?.getItem(KEY) ?? "null");
  } catch {
    found = null;
  }
  const valid = found && typeof found.code === "string" && /^[0-9A-Z]{8}$/.test(found.code);
  if (!valid || !(new Date(found.end ?? found.start) > now)) {
    if (found !== null) forget(undefined, storage);
    return null;
  }
  return found;
}

/** Forget the kept booking (all of it, or only if it is ``code``: cancelled, say). */
export function forget(code = undefined, storage = undefined) {
  const kept = store(storage);
  try {
    if (code === undefined || JSON.parse(kept?.getItem(KEY) ?? "null")?.code === code) kept?.removeItem(KEY);
  } catch {
    kept?.removeItem(KEY);
  }
}
