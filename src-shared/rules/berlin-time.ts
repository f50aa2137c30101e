/**
 * The agency works in German local time: an appointment's calendar day and hour are those in Europe/Berlin,
 * whatever offset the ISO string carries and whatever time zone the laptop is set to (a counsellor on a train
 * abroad still works Berlin hours). Intl is part of ECMAScript (ECMA-402), so this runs in Node, the renderer
 * and the server alike.
 */
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
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
