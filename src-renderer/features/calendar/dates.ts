/** Plain calendar days (YYYY-MM-DD) of the Berlin calendar, for paging the calendar by day and week. */
import { AGENCY_TIME_ZONE, addCalendarDays, berlinDate, mondayOf } from '../../../src-shared/rules/index.js';
import { intlLocale } from '../../app/intl-locale.js';

export const today = (): string => berlinDate(new Date());

export type CalendarViewName = 'day' | 'week';

/** Working days shown in the week view (Monday to Friday: the agency's opening days). */
export const WEEK_DAYS = 5;

export function visibleRange(view: CalendarViewName, date: string): { from: string; to: string } {
  if (view === 'day') return { from: date, to: date };
  const from = mondayOf(date);
  return { from, to: addCalendarDays(from, WEEK_DAYS - 1) };
}

export function step(view: CalendarViewName, date: string, direction: 1 | -1): string {
  if (view === 'day') {
    // Skip weekends when paging day by day.
    let next = addCalendarDays(date, direction);
    while ([0, 6].includes(new Date(`${next}T12:00:00Z`).getUTCDay())) next = addCalendarDays(next, direction);
    return next;
  }
  return addCalendarDays(mondayOf(date), 7 * direction);
}

/**
 * Formatters are cached: creating an Intl.DateTimeFormat costs far more than formatting with one, and a region's
 * week has 600 appointments with two times each.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(intlLocale(language), options);
    formatters.set(key, found);
  }
  return found;
}

export const formatDate = (date: string, language: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string =>
  formatter(language, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

export const formatTime = (iso: string, language: string): string =>
  formatter(language, { hour: '2-digit', minute: '2-digit', timeZone: AGENCY_TIME_ZONE }).format(new Date(iso));

export const formatDateTime = (iso: string, language: string): string =>
  formatter(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: AGENCY_TIME_ZONE }).format(new Date(iso));
