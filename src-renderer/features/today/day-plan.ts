/**
 * The order of the "Heute" page: what is still ahead comes first, the next one at the top, then what is over
 * (held, missed, cancelled, or past its end). Pure, so the order is tested without a page or a clock.
 */
import type { Appointment } from '../../../src-shared/domain/appointment.js';

export interface DayPlan {
  /** Planned and not yet over, by start: the first is the next appointment (or the one under way). */
  readonly ahead: readonly Appointment[];
  /** Held, missed, cancelled, or ended without a status change, by start. */
  readonly over: readonly Appointment[];
  /** The first video appointment of `ahead`: the one "Videoberatung starten" opens. */
  readonly nextVideo: Appointment | null;
}

const byStart = (a: Appointment, b: Appointment) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.id.localeCompare(b.id);

export function dayPlan(appointments: readonly Appointment[], now: Date): DayPlan {
  const at = now.getTime();
  const isAhead = (appointment: Appointment) => appointment.status === 'planned' && Date.parse(appointment.end) > at;
  const ahead = appointments.filter(isAhead).sort(byStart);
  const over = appointments.filter((appointment) => !isAhead(appointment)).sort(byStart);
  return { ahead, over, nextVideo: ahead.find((appointment) => appointment.channel === 'video') ?? null };
}
