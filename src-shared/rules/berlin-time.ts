/**
 * The agency works in German local time: an appointment's calendar day and hour are those in Europe/Berlin,
 * whatever offset the ISO string carries and whatever time zone the laptop is set to (a counsellor on a train
 * abroad still works Berlin hours). Intl is part of ECMAScript (ECMA-402), so this runs in Node, the renderer
 * and the server alike.
 */
/** The agency's time zone: the one place that names it (formatters, the calendar widget and the rules use it). */
export const AGENCY_TIME_ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: AGENCY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface BerlinClock {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly hour: number;
  readonly minute: number;
}

const HOUR_MS = 3_600_000;

/**
 * Berlin's offset from UTC by UTC hour. Europe/Berlin changes its offset only on whole UTC hours (01:00 UTC on
 * the last Sundays of March and October), so one Intl lookup per hour serves every instant in it; the calendar
 * asks for thousands of appointment times, and Intl's formatToParts costs ~10 µs a call. Bounded, so a long
 * session cannot grow it without end.
 */
const offsets = new Map<number, number>();
const OFFSETS_KEPT = 50_000;

function berlinOffsetMs(utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const byType: Record<string, string> = {};
    for (const part of parts.formatToParts(new Date(hour * HOUR_MS))) byType[part.type] = part.value;
    const wall = Date.UTC(Number(byType.year), Number(byType.month) - 1, Number(byType.day), Number(byType.hour), Number(byType.minute));
    offset = wall - hour * HOUR_MS;
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const twoDigits = (value: number): string => String(value).padStart(2, '0');

export function berlinClock(instant: string | Date): BerlinClock {
  const utcMs = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(utcMs)) throw new RangeError(`Ungültiger Zeitpunkt: ${String(instant)}`);
  // The Berlin wall clock, read with the UTC getters of a shifted instant.
  const wall = new Date(utcMs + berlinOffsetMs(utcMs));
  return {
    date: `${wall.getUTCFullYear()}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(wall.getUTCDate())}`,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

export const berlinDate = (instant: string | Date): string => berlinClock(instant).date;

/** Whole minutes between two instants (negative when `end` is before `start`). */
export const minutesBetween = (start: string, end: string): number =>
  Math.round((Date.parse(end) - Date.parse(start)) / 60_000);

const MINUTE_MS = 60_000;

/**
 * The instant of `hour:minute` Berlin time on `date` (YYYY-MM-DD), whatever the machine's own zone, across the
 * DST switch: the offset at the guessed instant is right except within the hour of a switch; a second pass
 * settles it. (A wall time skipped in spring maps to the hour after; one repeated in autumn to its first time.)
 */
export function berlinInstantMs(date: string, hour = 0, minute = 0): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * MINUTE_MS;
  const first = asUtc - berlinOffsetMs(asUtc);
  return asUtc - berlinOffsetMs(first);
}

/** An ISO string with Berlin's offset, e.g. 2026-11-23T09:30:00+01:00, as the appointment system sends it. */
export function berlinIso(date: string, hour: number, minute: number): string {
  const offsetMinutes = Math.round(berlinOffsetMs(berlinInstantMs(date, hour, minute)) / MINUTE_MS);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${date}T${twoDigits(hour)}:${twoDigits(minute)}:00${sign}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
}

/** Monday of the week that contains the calendar day `date` (YYYY-MM-DD). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = weekday === 0 ? 6 : weekday - 1;
  return new Date(Date.parse(`${date}T12:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
}
