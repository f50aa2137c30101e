/**
 * Working days of an agency: Monday to Friday, less the public holidays of the agency's Land. The holidays come
 * from `feiertagejs` (maintained, dependency-free, per Bundesland, no DOM or Node APIs), so Easter-dependent and
 * Land-specific days (Fronleichnam, Reformationstag, Buß- und Bettag, Weltkindertag …) are not ours to compute.
 * Two corrections are ours: one-off holidays a Land declared by law for a single year, which the library does not
 * know, and holidays that hold only in some municipalities of a Land. Those are not a Land's: feiertagejs counts
 * Mariä Himmelfahrt for all of Bavaria, where it holds only in municipalities with a Catholic majority. They
 * count where the agency's managed setting `localHolidays` names them (src-shared/policy/settings.ts).
 *
 * Dates are plain calendar days (YYYY-MM-DD). They are walked in UTC so that no time zone or daylight-saving
 * switch of the machine can shift a day.
 */
import { getHolidays } from 'feiertagejs';
import type { Land } from '../domain/appointment.js';

const DAY_MS = 86_400_000;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Holidays that hold only in some municipalities of their Land; an agency there sets which apply to it. */
export const LOCAL_HOLIDAYS = ['mariae_himmelfahrt', 'augsburger_friedensfest', 'fronleichnam'] as const;
export type LocalHoliday = (typeof LOCAL_HOLIDAYS)[number];

/**
 * Where each local holiday exists, and its feiertagejs name: Mariä Himmelfahrt in Bavarian municipalities with
 * a Catholic majority; the Augsburger Friedensfest in the city of Augsburg (feiertagejs: region AUGSBURG);
 * Fronleichnam in Catholic parts of Saxony (Sorbian Upper Lusatia) and Thuringia (Eichsfeld).
 */
export const LOCAL_HOLIDAY_LANDS: Readonly<Record<LocalHoliday, readonly Land[]>> = {
  mariae_himmelfahrt: ['BY'],
  augsburger_friedensfest: ['BY'],
  fronleichnam: ['SN', 'TH'],
};
const LOCAL_HOLIDAY_SOURCE: Readonly<Record<LocalHoliday, { readonly name: string; readonly region: 'BY' | 'AUGSBURG' }>> = {
  mariae_himmelfahrt: { name: 'MARIAHIMMELFAHRT', region: 'BY' },
  augsburger_friedensfest: { name: 'AUGSBURGER_FRIEDENSFEST', region: 'AUGSBURG' },
  fronleichnam: { name: 'FRONLEICHNAM', region: 'BY' },
};

/** Holidays a Land declared by law for one year only (Berlin: 80th anniversary of the end of the war, 8 May 2025). */
const ONE_OFF_HOLIDAYS: Readonly<Partial<Record<Land, readonly string[]>>> = {
  BE: ['2025-05-08'],
};

/** Holidays feiertagejs counts for a whole Land that hold only locally there (see LOCAL_HOLIDAYS). */
const NOT_LANDWIDE: Readonly<Partial<Record<Land, readonly string[]>>> = {
  BY: ['MARIAHIMMELFAHRT'],
};

const holidayCache = new Map<string, ReadonlySet<string>>();

/**
 * The public holidays of one Land in one year, as YYYY-MM-DD strings, with the local holidays the agency's
 * setting names (those that do not exist in the Land are ignored).
 */
export function publicHolidays(year: number, land: Land, local: readonly LocalHoliday[] = []): ReadonlySet<string> {
  const applicable = [...new Set(local)].filter((holiday) => LOCAL_HOLIDAY_LANDS[holiday].includes(land)).sort();
  const key = `${land}:${year}:${applicable.join(',')}`;
  let days = holidayCache.get(key);
  if (!days) {
    const excluded = new Set(NOT_LANDWIDE[land] ?? []);
    const found = new Set(getHolidays(year, land).filter((holiday) => !excluded.has(holiday.name)).map((holiday) => holiday.dateString));
    for (const date of ONE_OFF_HOLIDAYS[land] ?? []) if (date.startsWith(`${year}-`)) found.add(date);
    for (const holiday of applicable) {
      const source = LOCAL_HOLIDAY_SOURCE[holiday];
      const entry = getHolidays(year, source.region).find((candidate) => candidate.name === source.name);
      if (entry) found.add(entry.dateString);
    }
    days = found;
    holidayCache.set(key, days);
  }
  return days;
}

function toUtcMs(date: string): number {
  const match = PLAIN_DATE.exec(date);
  if (!match) throw new RangeError(`Ungültiges Datum „${date}“: erwartet JJJJ-MM-TT.`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`Ungültiges Datum „${date}“.`);
  return ms;
}

const fromUtcMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addCalendarDays = (date: string, days: number): string => fromUtcMs(toUtcMs(date) + days * DAY_MS);

/** Whether the day is a working day of an agency in this Land (with the local holidays it observes). */
export function isWorkingDay(date: string, land: Land, local: readonly LocalHoliday[] = []): boolean {
  const ms = toUtcMs(date);
  const weekday = new Date(ms).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(Number(date.slice(0, 4)), land, local).has(date);
}

/**
 * Working days in the half-open interval (from, to]: registering on a Friday and meeting on the next Monday
 * is one working day. Negative when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string, land: Land, local: readonly LocalHoliday[] = []): number {
  const start = toUtcMs(from);
  const end = toUtcMs(to);
  if (end < start) return -workingDaysBetween(to, from, land, local);
  let count = 0;
  for (let ms = start + DAY_MS; ms <= end; ms += DAY_MS) {
    if (isWorkingDay(fromUtcMs(ms), land, local)) count += 1;
  }
  return count;
}

/** The date `days` working days after `from` (days ≥ 0); 0 returns `from` itself. */
export function addWorkingDays(from: string, days: number, land: Land, local: readonly LocalHoliday[] = []): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('Die Zahl der Arbeitstage muss eine ganze Zahl ≥ 0 sein.');
  let date = from;
  for (let left = days; left > 0; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, land, local)) left -= 1;
  }
  return date;
}

/** Working days in the closed interval [from, to]. */
export function workingDaysIn(from: string, to: string, land: Land, local: readonly LocalHoliday[] = []): number {
  if (toUtcMs(to) < toUtcMs(from)) return 0;
  return workingDaysBetween(addCalendarDays(from, -1), to, land, local);
}
