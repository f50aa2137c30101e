/** Berlin wall-clock time of instants, against Intl's own answer, around every offset change of three years. */
import { describe, expect, it } from 'vitest';
import { berlinClock, berlinDate, berlinInstantMs, berlinIso, mondayOf } from '../../../src-shared/rules/berlin-time.js';

const reference = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function intlClock(at: Date) {
  const byType = Object.fromEntries(reference.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${byType.year}-${byType.month}-${byType.day}`, hour: Number(byType.hour), minute: Number(byType.minute) };
}

describe('berlinClock', () => {
  it('agrees with Intl every 7 minutes across the offset changes of 2025 to 2027', () => {
    const changes = ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'];
    for (const change of changes) {
      const at = Date.parse(change);
      for (let ms = at - 6 * 3_600_000; ms <= at + 6 * 3_600_000; ms += 7 * 60_000) {
        expect(berlinClock(new Date(ms)), new Date(ms).toISOString()).toEqual(intlClock(new Date(ms)));
      }
    }
  });

  it('agrees with Intl on random instants over ten years, from strings with any offset', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 2_000; n += 1) {
      const ms = Date.parse('2020-01-01T00:00:00Z') + Math.floor(next() * 10 * 365 * 86_400_000);
      const at = new Date(ms - (ms % 60_000));
      const offsetMinutes = [-300, 0, 60, 120, 330][n % 5]!;
      const shifted = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const iso = `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      expect(berlinClock(iso), iso).toEqual(intlClock(at));
    }
  });

  it('puts the last minutes before midnight and the hour that repeats in autumn on the right day and hour', () => {
    expect(berlinClock('2026-12-31T22:59:00Z')).toEqual({ date: '2026-12-31', hour: 23, minute: 59 });
    expect(berlinClock('2026-12-31T23:00:00Z')).toEqual({ date: '2027-01-01', hour: 0, minute: 0 });
    // 02:30 happens twice on 25 October 2026: first in summer time (00:30 UTC), then in winter time (01:30 UTC).
    expect(berlinClock('2026-10-25T00:30:00Z')).toEqual({ date: '2026-10-25', hour: 2, minute: 30 });
    expect(berlinClock('2026-10-25T01:30:00Z')).toEqual({ date: '2026-10-25', hour: 2, minute: 30 });
    expect(berlinDate('2026-11-24T09:00:00+01:00')).toBe('2026-11-24');
  });

  it('refuses what is no instant', () => {
    expect(() => berlinClock('kein Datum')).toThrow(RangeError);
    expect(() => berlinClock(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('Berlin wall time to instant', () => {
  it('gives the instant of a Berlin wall time in winter and in summer, whatever zone the process runs in', () => {
    expect(new Date(berlinInstantMs('2026-12-02', 9, 30)).toISOString()).toBe('2026-12-02T08:30:00.000Z');
    expect(new Date(berlinInstantMs('2026-07-01', 9, 30)).toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(berlinIso('2026-12-02', 9, 30)).toBe('2026-12-02T09:30:00+01:00');
    expect(berlinIso('2026-07-01', 9, 30)).toBe('2026-07-01T09:30:00+02:00');
  });

  it('round-trips every quarter hour of the two switch days through berlinClock', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const hour = Math.floor(minutes / 60);
        const minute = minutes % 60;
        if (date === '2026-03-29' && hour === 2) continue; // 02:00–03:00 does not exist that night
        const clock = berlinClock(new Date(berlinInstantMs(date, hour, minute)));
        expect(clock).toEqual({ date, hour, minute });
      }
    }
  });

  it('finds the Monday of a calendar day, Sundays belonging to the week before', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
});
