/**
 * Tells the back office that someone is at the screen, so the store's auto-lock measures the counsellor's
 * absence and not the app's own traffic: the calendar re-reads the store after every sync, and counting those
 * reads kept an unattended laptop unlocked for ever. Input is reported at most every `REPORT_EVERY_MS`; a call in
 * progress counts as presence too (see `reportWhile`), since nobody types during a 45-minute consultation.
 */
import { bridge } from '../bridge/index.js';

/** Often enough for auto-lock times of a minute or more, rare enough to be no traffic at all. */
export const REPORT_EVERY_MS = 20_000;

/** Input that only a person at the keyboard, mouse, touchpad or screen produces. */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/** A reporter that passes on the first report and then at most one per `intervalMs`. */
export function throttledReporter(send: () => void, clock: () => number, intervalMs = REPORT_EVERY_MS): () => void {
  let last = -Infinity;
  return () => {
    const now = clock();
    if (now - last < intervalMs) return;
    last = now;
    send();
  };
}

// A locked store or a lost back office is the status indicator's business; presence reports are best effort.
const report = throttledReporter(() => void bridge.call['store.activity']({}).catch(() => undefined), () => performance.now());

/** Reports the user's input on `target` for as long as the returned function is not called. */
export function watchUserActivity(target: Window = window): () => void {
  const options = { capture: true, passive: true } as const;
  for (const type of INPUT_EVENTS) target.addEventListener(type, report, options);
  return () => {
    for (const type of INPUT_EVENTS) target.removeEventListener(type, report, options);
  };
}

/** Reports presence every `REPORT_EVERY_MS` while something attended is under way (a call); returns the stop. */
export function reportWhile(): () => void {
  report();
  const timer = window.setInterval(report, REPORT_EVERY_MS);
  return () => window.clearInterval(timer);
}
