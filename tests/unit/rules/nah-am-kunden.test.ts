import { describe, expect, it } from 'vitest';
import { nahAmKundenReport, statusChangeRefusal } from '../../../src-shared/rules/index.js';
import { appointment } from './fixtures.js';

const at = (date: string, from: string, to: string) => ({ start: `${date}T${from}:00+01:00`, end: `${date}T${to}:00+01:00` });

describe('Nah am Kunden figures', () => {
  // Week of Mon 23 Nov 2026 (NW, no holidays): 5 working days.
  const week = { from: '2026-11-23', to: '2026-11-29' };
  const options = { land: 'NW', netMinutesPerWorkingDay: 400, videoChannels: 1 } as const;
  const appointments = [
    appointment({ ...at('2026-11-23', '09:00', '10:00'), channel: 'praesenz', status: 'held' }),
    appointment({ ...at('2026-11-23', '09:30', '10:30'), channel: 'video', status: 'held' }),
    appointment({ ...at('2026-11-23', '09:45', '10:15'), channel: 'video', status: 'held' }),
    appointment({ ...at('2026-11-24', '11:00', '12:00'), channel: 'telefon', status: 'held' }),
    appointment({ ...at('2026-11-24', '13:00', '13:30'), type: 'zwischenkontakt', channel: 'telefon', status: 'held' }),
    appointment({ ...at('2026-11-25', '09:00', '10:00'), status: 'no_show' }),
    appointment({ ...at('2026-11-26', '09:00', '10:00'), status: 'cancelled' }),
    appointment({ ...at('2026-11-26', '10:00', '11:00'), type: 'erstgespraech', registeredOn: '2026-11-10', status: 'planned' }),
    appointment({ ...at('2026-11-27', '10:00', '11:00'), type: 'erstgespraech_alo', registeredOn: '2026-11-02', status: 'planned' }),
    // Outside the period: ignored everywhere.
    appointment({ ...at('2026-11-30', '09:00', '17:00'), status: 'held' }),
  ];
  const report = nahAmKundenReport(appointments, week, options);

  it('splits held Beratungen by channel (Zwischenkontakte do not count)', () => {
    expect(report.channelShare.counts).toEqual({ praesenz: 1, video: 2, telefon: 1 });
    expect(report.channelShare.shares.video).toBe(0.5);
  });

  it('sets counselling time against net working time and the 50 % target', () => {
    // 60 + 60 + 30 + 60 minutes of held Beratungen; 5 × 400 minutes net.
    expect(report.counsellingTime).toMatchObject({ counsellingMinutes: 210, netWorkingMinutes: 2000, target: 0.5, meetsTarget: false });
    expect(report.counsellingTime.share).toBeCloseTo(0.105);
    const busy = nahAmKundenReport(
      [appointment({ ...at('2026-11-23', '08:00', '12:00'), status: 'held' })],
      { from: '2026-11-23', to: '2026-11-23' },
      options,
    );
    expect(busy.counsellingTime.meetsTarget).toBe(true);
  });

  it('computes no-show and loss rates', () => {
    expect(report.attendance).toMatchObject({ held: 5, noShow: 1, cancelled: 1 });
    expect(report.attendance.noShowRate).toBeCloseTo(1 / 6);
    expect(report.attendance.lossRate).toBeCloseTo(2 / 7);
  });

  it('measures TVZ compliance of first interviews', () => {
    // 10 Nov → 26 Nov: 12 working days (breach); 2 Nov → 27 Nov: 19 (breach).
    expect(report.tvz).toEqual({ firstInterviews: 2, compliant: 0, breached: 2, share: 0 });
  });

  it('profiles the load over the day and counts days above video capacity', () => {
    const nine = report.loadOverDay.find((hour) => hour.hour === 9);
    expect(nine?.daysOverCapacity).toBe(1);
    expect(nine?.averageVideo).toBeCloseTo(2 / 5);
  });

  it('reports no data as null rather than zero', () => {
    const empty = nahAmKundenReport([], week, options);
    expect(empty.channelShare.shares.video).toBeNull();
    expect(empty.attendance.noShowRate).toBeNull();
    expect(empty.tvz.share).toBeNull();
    // No counsellor with appointments: nothing to judge, so no "Ziel nicht erreicht".
    expect(empty.counsellingTime).toMatchObject({ share: null, meetsTarget: null, perCounsellor: [] });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => nahAmKundenReport([], { from: '2026-11-30', to: '2026-11-23' }, options)).toThrow(RangeError);
  });
});

describe('counselling time of a team', () => {
  const week = { from: '2026-11-23', to: '2026-11-29' };
  const options = { land: 'NW', netMinutesPerWorkingDay: 468, videoChannels: 1 } as const;
  // Two counsellors, 720 minutes of counselling between them (six hours each).
  const team = ['vbf-a', 'vbf-b'].flatMap((counsellorId) =>
    ['2026-11-23', '2026-11-24', '2026-11-25'].map((date) => appointment({ ...at(date, '09:00', '11:00'), counsellorId, status: 'held' })),
  );

  it('sums each counsellor’s own net working time: two people have twice the time of one', () => {
    const { counsellingTime } = nahAmKundenReport(team, week, options);
    expect(counsellingTime.counsellingMinutes).toBe(720);
    expect(counsellingTime.netWorkingMinutes).toBe(2 * 5 * 468);
    expect(counsellingTime.share).toBeCloseTo(720 / 4680);
    expect(counsellingTime.perCounsellor.map((counsellor) => [counsellor.counsellorId, counsellor.counsellingMinutes, counsellor.netWorkingMinutes])).toEqual([
      ['vbf-a', 360, 2340],
      ['vbf-b', 360, 2340],
    ]);
  });

  it('stays within what the counsellors achieved however large the team', () => {
    const ten = Array.from({ length: 10 }, (_, index) => appointment({ ...at('2026-11-23', '08:00', '12:00'), counsellorId: `vbf-${index}`, status: 'held' }));
    const { counsellingTime } = nahAmKundenReport(ten, week, options);
    expect(counsellingTime.share).toBeCloseTo(2400 / (10 * 5 * 468));
    expect(counsellingTime.share!).toBeLessThan(1);
  });

  it('leaves days not yet worked out: on a Wednesday, three working days count', () => {
    const { counsellingTime } = nahAmKundenReport(team, week, { ...options, today: '2026-11-25' });
    expect(counsellingTime.elapsedWorkingDays).toBe(3);
    expect(counsellingTime.netWorkingMinutes).toBe(2 * 3 * 468);
    expect(counsellingTime.perCounsellor[0]?.share).toBeCloseTo(360 / 1404);
  });

  it('leaves each counsellor’s absence days out of their own time only', () => {
    const { counsellingTime } = nahAmKundenReport(team, week, { ...options, absentDays: { 'vbf-b': 2 } });
    expect(counsellingTime.perCounsellor.map((counsellor) => counsellor.workingDays)).toEqual([5, 3]);
    expect(counsellingTime.netWorkingMinutes).toBe((5 + 3) * 468);
    // More absence than working days cannot make the time negative.
    const away = nahAmKundenReport(team, week, { ...options, today: '2026-11-24', absentDays: { 'vbf-a': 9 } }).counsellingTime;
    expect(away.perCounsellor[0]).toMatchObject({ workingDays: 0, netWorkingMinutes: 0, share: null, meetsTarget: null });
  });

  it('counts a named counsellor’s working time in a week without appointments: 0 %, not “no data”', () => {
    const { counsellingTime } = nahAmKundenReport([], week, { ...options, counsellors: ['vbf-a'] });
    expect(counsellingTime).toMatchObject({ counsellingMinutes: 0, netWorkingMinutes: 5 * 468, share: 0, meetsTarget: false });
    // Named and with appointments: counted once.
    expect(nahAmKundenReport(team, week, { ...options, counsellors: ['vbf-a'] }).counsellingTime.perCounsellor).toHaveLength(2);
  });

  it('counts nothing for a period that has not begun', () => {
    const { counsellingTime } = nahAmKundenReport(team, week, { ...options, today: '2026-11-20' });
    expect(counsellingTime).toMatchObject({ elapsedWorkingDays: 0, netWorkingMinutes: 0, share: null, meetsTarget: null });
  });
});

describe('status changes', () => {
  const now = new Date('2026-11-23T10:00:00+01:00');
  it('allows held and no-show only once the appointment has begun', () => {
    expect(statusChangeRefusal(appointment({ start: '2026-11-23T11:00:00+01:00' }), 'held', now)).toMatchObject({
      code: 'NOCH_NICHT_BEGONNEN',
      severity: 'refusal',
    });
    expect(statusChangeRefusal(appointment({ start: '2026-11-23T11:00:00+01:00' }), 'no_show', now)?.code).toBe('NOCH_NICHT_BEGONNEN');
    expect(statusChangeRefusal(appointment({ start: '2026-11-23T09:00:00+01:00' }), 'no_show', now)).toBeNull();
    expect(statusChangeRefusal(appointment({ start: '2026-11-23T10:00:00+01:00' }), 'held', now)).toBeNull();
  });

  it('allows cancelling a future appointment', () => {
    expect(statusChangeRefusal(appointment({ start: '2026-11-23T11:00:00+01:00' }), 'cancelled', now)).toBeNull();
  });
});
