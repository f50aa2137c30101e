/**
 * Report timestamps in ISO 8601 with the laptop's own offset (2026-12-03T10:15:00.000+01:00): IT support reads
 * the local time and the zone at once, and comparing reports of laptops in different zones stays exact. A
 * UTC "Z" was read as "no zone" by people.
 */
const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

export function reportTimestamp(date: Date = new Date()): string {
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  return `${local.toISOString().slice(0, -1)}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}
