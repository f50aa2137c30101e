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

/**
 * Clocks of ISO strings already asked for. Intl's formatToParts is dear (~10 µs), and the calendar asks for the
 * same appointment times on every render (clusters by hour, load per hour: a region's week has 600 and more).
 * Bounded, so a long day of paging cannot grow it without end.
 */
const clocks = new Map<string, BerlinClock>();
const CLOCKS_KEPT = 20_000;

export function berlinClock(instant: string | Date): BerlinClock {
  if (typeof instant === 'string') {
    const known = clocks.get(instant);
    if (known) return known;
  }
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) throw new RangeError(`Ungültiger Zeitpunkt: ${String(instant)}`);
  const byType: Record<string, string> = {};
  for (const part of parts.formatToParts(at)) byType[part.type] = part.value;
  const clock: BerlinClock = Object.freeze({
    date: `${byType.year}-${byType.month}-${byType.day}`,
    hour: Number(byType.hour),
    minute: Number(byType.minute),
  });
  if (typeof instant === 'string') {
    if (clocks.size >= CLOCKS_KEPT) clocks.clear();
    clocks.set(instant, clock);
  }
  return clock;
}

export const berlinDate = (instant: string | Date): string => berlinClock(instant).date;

/** Whole minutes between two instants (negative when `end` is before `start`). */
export const minutesBetween = (start: string, end: string): number =>
  Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
