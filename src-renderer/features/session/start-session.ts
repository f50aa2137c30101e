/**
 * How other views start a video consultation: `startSession(appointmentId)` opens the session window for the
 * appointment (pre-join first; the room opens when the counsellor clicks "Raum öffnen").
 */
import { appointmentHref } from '../../app/routes.js';

export function startSession(appointmentId: string): void {
  window.location.hash = appointmentHref('sitzung', appointmentId);
}
