/**
 * `#/kalender?appointment=<id>` opens that appointment in the calendar: its week (or day) and its panel, where
 * status, channel and consent are changed. The session window links here when a video call cannot start
 * without consent, so the counsellor can move the appointment to another channel in one step.
 */
import { berlinDate } from '../../../src-shared/rules/index.js';
import { bridge } from '../../bridge/index.js';
import { useCalendar } from './calendar-store.js';

export function appointmentInCalendarHash(hash: string): string | null {
  const [path = '', query] = hash.split('?');
  if (!/^#\/kalender\/?$/.test(path) || !query) return null;
  return new URLSearchParams(query).get('appointment');
}

/** Shows the appointment the address names, if any; an id the cache does not hold is ignored. */
export async function openLinkedAppointment(hash: string): Promise<void> {
  const id = appointmentInCalendarHash(hash);
  if (!id) return;
  const appointment = await bridge.call['appointments.get']({ appointmentId: id }).catch(() => null);
  if (!appointment) return;
  const calendar = useCalendar.getState();
  calendar.goTo(berlinDate(appointment.start));
  calendar.select(appointment.id);
}
