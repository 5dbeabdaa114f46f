// Where the citizen is, when the browser is willing to say, and how far offices are from there.
// Used to list offices nearest first (direct booking) and to name offices within a radius
// (flexible request). Distances are straight lines, which is enough to rank offices.

const EARTH_KM = 6371;

export function distanceKm(a, b) {
  const rad = (degrees) => (degrees * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

/** ``{lat, lon}`` from the browser; rejects when it cannot or may not tell. */
export function whereAmI() {
  return new Promise((resolve, reject) => {
    if (!("geolocation" in navigator)) {
      reject(new Error("no geolocation"));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lon: position.coords.longitude }),
      reject,
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 600_000 },
    );
  });
}

/** Whether the citizen has already let this site know where they are. We ask unprompted only
 *  then: a permission dialog on arrival is the first thing people learn to refuse. */
export async function locationAllowed() {
  try {
    const permission = await navigator.permissions?.query({ name: "geolocation" });
    return permission?.state === "granted";
  } catch {
    return false; // permissions API missing: the buttons still work
  }
}
