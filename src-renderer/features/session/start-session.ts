/**
 * How other views start a video consultation: `startSession(appointmentId)` opens the session window for the
 * appointment (pre-join first; the room opens when the counsellor clicks "Raum öffnen").
 */
export const SESSION_ROUTE = 'sitzung';

export function sessionHash(appointmentId: string): string {
  return `#/${SESSION_ROUTE}?appointment=${encodeURIComponent(appointmentId)}`;
}

export function startSession(appointmentId: string): void {
  window.location.hash = sessionHash(appointmentId);
}

/** The appointment of the current hash (`#/sitzung?appointment=<id>`, or the calendar's `#/sitzung/<id>`), or null. */
export function appointmentFromHash(hash: string): string | null {
  const [path = '', query] = hash.split('?');
  const fromQuery = query ? new URLSearchParams(query).get('appointment') : null;
  const fromPath = new RegExp(`^#/${SESSION_ROUTE}/([^/]+)$`).exec(path)?.[1];
  return fromQuery ?? (fromPath ? decodeURIComponent(fromPath) : null);
}

/** Where the Beratungsvermerk of an appointment is written (the notes view reads `appointment`). */
export const noteHash = (appointmentId: string): string => `#/vermerke?appointment=${encodeURIComponent(appointmentId)}`;
