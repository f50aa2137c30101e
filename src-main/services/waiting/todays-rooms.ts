/** The rooms worth watching: today's (Berlin) planned video appointments from the local store. */
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { berlinDate } from '../../../src-shared/rules/berlin-time.js';
import type { LocalData } from '../store/local-data.js';

/** Null while the store is not open: without appointments there is nothing to ask the server about. */
export function todaysVideoAppointments(data: Pick<LocalData, 'status' | 'use'>, now = new Date()): Appointment[] | null {
  if (data.status().state !== 'unlocked') return null;
  const today = berlinDate(now);
  return data
    .use()
    .appointmentsInRange(today, today)
    .filter((appointment) => appointment.channel === 'video' && appointment.status === 'planned');
}
