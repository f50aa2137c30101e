/**
 * The TVZ counts working days, so every public holiday of every Land must be right. This table is written out by
 * hand from the Länder's official holiday lists (Feiertagsgesetze, as published by the Länder's interior
 * ministries) for 2025–2027, independent of the library the rule uses; every weekday of the three years is
 * checked for all 16 Länder. Holidays that hold only in some municipalities are listed separately: they count
 * only where the agency's setting names them.
 */
import { describe, expect, it } from 'vitest';
import { Land } from '../../../src-shared/domain/appointment.js';
import { addCalendarDays, isWorkingDay, LOCAL_HOLIDAYS, tvzOf, workingDaysBetween } from '../../../src-shared/rules/index.js';
import { appointment } from './fixtures.js';

const ALL = Land.options;
type Row = readonly [date: string, lands: readonly Land[] | 'all'];

const rows = (year: number, easter: { karfreitag: string; ostermontag: string; himmelfahrt: string; pfingstmontag: string; fronleichnam: string }, bussUndBettag: string): Row[] => [
  [`${year}-01-01`, 'all'],
  [`${year}-01-06`, ['BW', 'BY', 'ST']],
  [`${year}-03-08`, ['BE', 'MV']],
  [easter.karfreitag, 'all'],
  [easter.ostermontag, 'all'],
  [`${year}-05-01`, 'all'],
  [easter.himmelfahrt, 'all'],
  [easter.pfingstmontag, 'all'],
  [easter.fronleichnam, ['BW', 'BY', 'HE', 'NW', 'RP', 'SL']],
  [`${year}-08-15`, ['SL']],
  [`${year}-09-20`, ['TH']],
  [`${year}-10-03`, 'all'],
  [`${year}-10-31`, ['BB', 'HB', 'HH', 'MV', 'NI', 'SN', 'ST', 'SH', 'TH']],
  [`${year}-11-01`, ['BW', 'BY', 'NW', 'RP', 'SL']],
  [bussUndBettag, ['SN']],
  [`${year}-12-25`, 'all'],
  [`${year}-12-26`, 'all'],
];

const TABLE: Row[] = [
  ...rows(2025, { karfreitag: '2025-04-18', ostermontag: '2025-04-21', himmelfahrt: '2025-05-29', pfingstmontag: '2025-06-09', fronleichnam: '2025-06-19' }, '2025-11-19'),
  // Berlin, Gesetz über einen einmaligen Feiertag: 80. Jahrestag der Befreiung vom Nationalsozialismus.
  ['2025-05-08', ['BE']],
  ...rows(2026, { karfreitag: '2026-04-03', ostermontag: '2026-04-06', himmelfahrt: '2026-05-14', pfingstmontag: '2026-05-25', fronleichnam: '2026-06-04' }, '2026-11-18'),
  ...rows(2027, { karfreitag: '2027-03-26', ostermontag: '2027-03-29', himmelfahrt: '2027-05-06', pfingstmontag: '2027-05-17', fronleichnam: '2027-05-27' }, '2027-11-17'),
];

const holidaysOf = (land: Land): Set<string> => new Set(TABLE.filter(([, lands]) => lands === 'all' || lands.includes(land)).map(([date]) => date));

describe('public holidays 2025–2027 against the Länder’s lists', () => {
  it.each(ALL)('every weekday in %s is a working day exactly when it is no holiday', (land) => {
    const holidays = holidaysOf(land);
    const wrong: string[] = [];
    for (let date = '2025-01-01'; date <= '2027-12-31'; date = addCalendarDays(date, 1)) {
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      const expected = weekday !== 0 && weekday !== 6 && !holidays.has(date);
      if (isWorkingDay(date, land) !== expected) wrong.push(`${date}: ${expected ? 'Arbeitstag' : 'Feiertag'} erwartet`);
    }
    expect(wrong).toEqual([]);
  });

  it('counts Berlin’s one-off holiday of 8 May 2025 in the TVZ', () => {
    const first = { type: 'erstgespraech' as const, registeredOn: '2025-05-05', start: '2025-05-19T10:00:00+02:00' };
    expect(tvzOf(appointment({ ...first, land: 'BE' }))?.workingDays).toBe(9);
    expect(tvzOf(appointment({ ...first, land: 'BB' }))?.workingDays).toBe(10);
  });
});

describe('holidays of some municipalities, as the agency’s setting', () => {
  it('lists each one once', () => {
    expect(new Set(LOCAL_HOLIDAYS).size).toBe(LOCAL_HOLIDAYS.length);
  });

  it('counts Mariä Himmelfahrt in Bavaria only where the agency observes it', () => {
    // Friday 15 August 2025.
    expect(isWorkingDay('2025-08-15', 'BY')).toBe(true);
    expect(isWorkingDay('2025-08-15', 'BY', ['mariae_himmelfahrt'])).toBe(false);
    // Statewide in the Saarland either way.
    expect(isWorkingDay('2025-08-15', 'SL')).toBe(false);
    expect(workingDaysBetween('2025-08-11', '2025-08-18', 'BY', ['mariae_himmelfahrt'])).toBe(4);
  });

  it('counts the Augsburger Friedensfest (8 August) for an agency in Augsburg', () => {
    // Friday 8 August 2025, Monday 8 August 2027.
    expect(isWorkingDay('2025-08-08', 'BY')).toBe(true);
    expect(isWorkingDay('2025-08-08', 'BY', ['augsburger_friedensfest'])).toBe(false);
    expect(isWorkingDay('2027-08-09', 'BY', ['augsburger_friedensfest'])).toBe(true);
  });

  it('counts Fronleichnam in parts of Saxony and Thuringia when set, and nowhere else by the setting', () => {
    expect(isWorkingDay('2026-06-04', 'SN')).toBe(true);
    expect(isWorkingDay('2026-06-04', 'SN', ['fronleichnam'])).toBe(false);
    expect(isWorkingDay('2026-06-04', 'TH', ['fronleichnam'])).toBe(false);
    // A setting that does not exist in the Land changes nothing there.
    expect(isWorkingDay('2026-06-04', 'BE', ['fronleichnam'])).toBe(true);
    expect(isWorkingDay('2026-08-14', 'NW', ['mariae_himmelfahrt'])).toBe(true);
  });

  it('moves the TVZ deadline with them', () => {
    const first = appointment({ type: 'erstgespraech', land: 'BY', registeredOn: '2025-08-04', start: '2025-08-18T10:00:00+02:00' });
    expect(tvzOf(first)?.workingDays).toBe(10);
    expect(tvzOf(first, 10, ['mariae_himmelfahrt', 'augsburger_friedensfest'])?.workingDays).toBe(8);
  });
});
