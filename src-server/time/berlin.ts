/**
 * Calendar days of the agency are days in Europe/Berlin. These helpers turn such a day (and a wall-clock
 * time on it) into an instant, whatever the server's own time zone is, across the DST switch.
 */
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });

/** Minutes Berlin is ahead of UTC at `instantMs` (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(instantMs: number): number {
  const name = offsetFormat.formatToParts(new Date(instantMs)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant of `hour:minute` Berlin time on `date` (YYYY-MM-DD). */
export function berlinInstantMs(date: string, hour = 0, minute = 0): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // The offset at the guessed instant is right except within the hour of a switch; a second pass settles it.
  const first = asUtc - berlinOffsetMinutes(asUtc) * 60_000;
  return asUtc - berlinOffsetMinutes(first) * 60_000;
}

/** An ISO string with Berlin's offset, e.g. 2026-11-23T09:30:00+01:00, as ATV would send it. */
export function berlinIso(date: string, hour: number, minute: number): string {
  const instant = berlinInstantMs(date, hour, minute);
  const offset = berlinOffsetMinutes(instant);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the Berlin week that contains `instantMs`. */
export function mondayOf(instantMs: number): string {
  const local = new Date(instantMs + berlinOffsetMinutes(instantMs) * 60_000);
  const weekday = (local.getUTCDay() + 6) % 7;
  return addDays(local.toISOString().slice(0, 10), -weekday);
}
