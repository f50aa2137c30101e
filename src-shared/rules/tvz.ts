/**
 * Terminvorlaufzeit (TVZ, BA-Weisung 202502006 §2.3): the first interview takes place within 10 working days of
 * the registration, counted in working days of the agency's Land (weekends and public holidays do not count).
 */
import type { Appointment } from '../domain/appointment.js';
import { berlinDate } from './berlin-time.js';
import { isFirstInterview } from './channel.js';
import type { Finding } from './findings.js';
import { addWorkingDays, workingDaysBetween, type LocalHoliday } from './working-days.js';

export const TVZ_LIMIT_WORKING_DAYS = 10;

export interface TvzResult {
  readonly registeredOn: string;
  readonly appointmentDate: string;
  readonly workingDays: number;
  /** The last date on which the first interview still keeps the TVZ. */
  readonly latestCompliantDate: string;
  readonly breached: boolean;
}

/**
 * TVZ of a first interview; null for other appointment types or where the registration date is unknown.
 * `local`: the municipal holidays the agency observes (managed setting `localHolidays`).
 */
export function tvzOf(
  appointment: Pick<Appointment, 'type' | 'registeredOn' | 'start' | 'land'>,
  limit = TVZ_LIMIT_WORKING_DAYS,
  local: readonly LocalHoliday[] = [],
): TvzResult | null {
  if (!isFirstInterview(appointment.type) || appointment.registeredOn === null) return null;
  const appointmentDate = berlinDate(appointment.start);
  const workingDays = workingDaysBetween(appointment.registeredOn, appointmentDate, appointment.land, local);
  return {
    registeredOn: appointment.registeredOn,
    appointmentDate,
    workingDays,
    latestCompliantDate: addWorkingDays(appointment.registeredOn, limit, appointment.land, local),
    breached: workingDays > limit,
  };
}

export function tvzFindings(tvz: TvzResult | null, limit = TVZ_LIMIT_WORKING_DAYS): Finding[] {
  if (!tvz?.breached) return [];
  return [
    {
      code: 'TVZ_UEBERSCHRITTEN',
      severity: 'warning',
      message: `Das Erstgespräch liegt ${tvz.workingDays} Arbeitstage nach der Meldung (Ziel: höchstens ${limit}). Bitte einen Termin bis spätestens ${formatGermanDate(tvz.latestCompliantDate)} anbieten oder die Abweichung begründen.`,
    },
  ];
}

const formatGermanDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
