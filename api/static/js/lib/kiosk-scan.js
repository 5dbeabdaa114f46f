// Reading the QR code of a booking confirmation with the kiosk's camera, where the browser has
// a BarcodeDetector (Chromium on Android, ChromeOS and macOS; not yet on Linux or Windows).
// Typed entry always works; the scan button only appears where a scan can.

const LOOK_EVERY_MS = 250;

export function canScan() {
  return "BarcodeDetector" in window && Boolean(navigator.mediaDevices?.getUserMedia);
}

/** The booking code in what a QR code holds: the code itself (our confirmations draw just
 *  that), or a link with ``?code=`` (a /my-booking address). */
export function codeFromQr(raw) {
  const value = String(raw || "").trim();
  try {
    const url = new URL(value);
    return url.searchParams.get("code") || "";
  } catch {
    return value;
  }
}

export class QrScanner {
  constructor(video) {
    this.video = video;
    this.stream = null;
    this.timer = null;
  }

  /** Start the camera and call ``onText(raw)`` for each QR code seen, until it returns true. */
  async start(onText) {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (!formats.includes("qr_code")) throw new Error("this BarcodeDetector reads no QR codes");
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    // A kiosk's camera faces the person standing at it.
    this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" }, audio: false });
    this.video.srcObject = this.stream;
    await this.video.play();
    const look = async () => {
      if (!this.stream) return;
      try {
        for (const found of await detector.detect(this.video)) {
          if (onText(found.rawValue)) {
            this.stop();
            return;
          }
        }
      } catch {
        // a frame the detector could not read: try the next one
      }
      if (this.stream) this.timer = setTimeout(look, LOOK_EVERY_MS);
    };
    look();
  }

  stop() {
    clearTimeout(this.timer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.video.srcObject = null;
  }
}
