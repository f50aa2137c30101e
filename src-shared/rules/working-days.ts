/**
 * Working days of an agency: Monday to Friday, less the public holidays of the agency's Land. The holidays come
 * from `feiertagejs` (maintained, dependency-free, per Bundesland, no DOM or Node APIs), so Easter-dependent and
 * Land-specific days (Fronleichnam, Reformationstag, Buß- und Bettag, Weltkindertag …) are not ours to compute.
 *
 * Dates are plain calendar days (YYYY-MM-DD). They are walked in UTC so that no time zone or daylight-saving
 * switch of the machine can shift a day.
 */
import { getHolidays } from 'feiertagejs';
import type { Land } from '../domain/appointment.js';

const DAY_MS = 86_400_000;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const holidayCache = new Map<string, ReadonlySet<string>>();

/** The public holidays of one Land in one year, as YYYY-MM-DD strings. */
export function publicHolidays(year: number, land: Land): ReadonlySet<string> {
  const key = `${land}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    days = new Set(getHolidays(year, land).map((holiday) => holiday.dateString));
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

/** Whether the day is a working day of an agency in this Land. */
export function isWorkingDay(date: string, land: Land): boolean {
  const ms = toUtcMs(date);
  const weekday = new Date(ms).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(Number(date.slice(0, 4)), land).has(date);
}

/**
 * Working days in the half-open interval (from, to]: registering on a Friday and meeting on the next Monday
 * is one working day. Negative when `to` is before `from`.
 */
export function workingDaysBetween(from: string, to: string, land: Land): number {
  const start = toUtcMs(from);
  const end = toUtcMs(to);
  if (end < start) return -workingDaysBetween(to, from, land);
  let count = 0;
  for (let ms = start + DAY_MS; ms <= end; ms += DAY_MS) {
    if (isWorkingDay(fromUtcMs(ms), land)) count += 1;
  }
  return count;
}

/** The date `days` working days after `from` (days ≥ 0); 0 returns `from` itself. */
export function addWorkingDays(from: string, days: number, land: Land): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('Die Zahl der Arbeitstage muss eine ganze Zahl ≥ 0 sein.');
  let date = from;
  for (let left = days; left > 0; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, land)) left -= 1;
  }
  return date;
}

/** Working days in the closed interval [from, to]. */
export function workingDaysIn(from: string, to: string, land: Land): number {
  if (toUtcMs(to) < toUtcMs(from)) return 0;
  return workingDaysBetween(addCalendarDays(from, -1), to, land);
}
