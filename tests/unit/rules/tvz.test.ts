import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isWorkingDay,
  publicHolidays,
  tvzFindings,
  tvzOf,
  workingDaysBetween,
  workingDaysIn,
} from '../../../src-shared/rules/index.js';
import { appointment } from './fixtures.js';

describe('working days of a Land', () => {
  it('skips weekends: Friday to Monday is one working day', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23', 'NW')).toBe(1);
    expect(isWorkingDay('2026-11-21', 'NW')).toBe(false);
    expect(isWorkingDay('2026-11-22', 'NW')).toBe(false);
  });

  it('skips Easter (Karfreitag, Ostermonday) everywhere', () => {
    // Thu 2 Apr 2026 → Tue 7 Apr 2026: Fri 3 (Karfreitag) and Mon 6 (Ostermontag) are holidays.
    expect(workingDaysBetween('2026-04-02', '2026-04-07', 'HH')).toBe(1);
  });

  it('knows Land-specific holidays: Buß- und Bettag only in Sachsen', () => {
    expect(isWorkingDay('2026-11-18', 'SN')).toBe(false);
    expect(isWorkingDay('2026-11-18', 'NW')).toBe(true);
    expect(workingDaysBetween('2026-11-16', '2026-11-30', 'NW')).toBe(10);
    expect(workingDaysBetween('2026-11-16', '2026-11-30', 'SN')).toBe(9);
  });

  it('knows Fronleichnam in Bayern and NRW but not in Berlin', () => {
    expect(publicHolidays(2026, 'BY').has('2026-06-04')).toBe(true);
    expect(publicHolidays(2026, 'NW').has('2026-06-04')).toBe(true);
    expect(publicHolidays(2026, 'BE').has('2026-06-04')).toBe(false);
  });

  it('counts across the year end (Christmas, New Year, Epiphany in Bayern only)', () => {
    // Mon 21 Dec 2026 → Thu 7 Jan 2027. Holidays: Fri 25 Dec, (Sat 26 Dec), Fri 1 Jan; Wed 6 Jan in BY.
    expect(workingDaysBetween('2026-12-21', '2027-01-07', 'NW')).toBe(11);
    expect(workingDaysBetween('2026-12-21', '2027-01-07', 'BY')).toBe(10);
    expect(addWorkingDays('2026-12-21', 10, 'NW')).toBe('2027-01-06');
    expect(addWorkingDays('2026-12-21', 10, 'BY')).toBe('2027-01-07');
  });

  it('is negative backwards and zero on the same day', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-23', 'NW')).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-20', 'NW')).toBe(-1);
  });

  it('counts a closed interval for net working time', () => {
    expect(workingDaysIn('2026-11-23', '2026-11-29', 'NW')).toBe(5);
    // 23 weekdays less Christmas Day (Fri); Boxing Day is a Saturday.
    expect(workingDaysIn('2026-12-01', '2026-12-31', 'NW')).toBe(22);
    expect(workingDaysIn('2026-12-02', '2026-12-01', 'NW')).toBe(0);
  });

  it('refuses malformed and impossible dates', () => {
    expect(() => workingDaysBetween('23.11.2026', '2026-11-30', 'NW')).toThrow(RangeError);
    expect(() => workingDaysBetween('2026-02-30', '2026-03-02', 'NW')).toThrow(/Ungültiges Datum/);
    expect(() => addWorkingDays('2026-11-23', -1, 'NW')).toThrow(RangeError);
  });
});

describe('TVZ of a first interview', () => {
  it('keeps the TVZ at exactly 10 working days and flags the 11th', () => {
    const onTime = tvzOf(appointment({ type: 'erstgespraech', registeredOn: '2026-11-02', start: '2026-11-16T10:00:00+01:00' }));
    expect(onTime).toMatchObject({ workingDays: 10, breached: false, latestCompliantDate: '2026-11-16' });
    expect(tvzFindings(onTime)).toEqual([]);

    const late = tvzOf(appointment({ type: 'erstgespraech_alo', registeredOn: '2026-11-02', start: '2026-11-17T10:00:00+01:00' }));
    expect(late).toMatchObject({ workingDays: 11, breached: true });
    const [finding] = tvzFindings(late);
    expect(finding).toMatchObject({ code: 'TVZ_UEBERSCHRITTEN', severity: 'warning' });
    expect(finding?.message).toContain('16.11.2026');
  });

  it('uses the agency Land of the appointment across the year end', () => {
    const base = { type: 'erstgespraech', registeredOn: '2026-12-21', start: '2027-01-07T09:00:00+01:00' } as const;
    expect(tvzOf(appointment({ ...base, land: 'NW' }))?.breached).toBe(true);
    expect(tvzOf(appointment({ ...base, land: 'BY' }))?.breached).toBe(false);
  });

  it('takes the appointment day in Berlin time, whatever offset the timestamp carries', () => {
    // 23:30 UTC on 13 Nov is already 14 Nov in Berlin.
    const tvz = tvzOf(appointment({ type: 'erstgespraech', registeredOn: '2026-11-02', start: '2026-11-13T23:30:00Z' }));
    expect(tvz?.appointmentDate).toBe('2026-11-14');
  });

  it('is not computed for follow-ups or unknown registration dates', () => {
    expect(tvzOf(appointment({ type: 'folgegespraech', registeredOn: '2026-11-02' }))).toBeNull();
    expect(tvzOf(appointment({ type: 'erstgespraech', registeredOn: null }))).toBeNull();
  });

  it('honours a configured limit', () => {
    const tvz = tvzOf(appointment({ type: 'erstgespraech', registeredOn: '2026-11-02', start: '2026-11-09T10:00:00+01:00' }), 4);
    expect(tvz).toMatchObject({ workingDays: 5, breached: true });
  });
});
