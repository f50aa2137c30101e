/**
 * The figures of "Nah am Kunden" (BA-Weisung 202502006 §2.2–2.3) for a chosen period, computed from local data:
 * share of Beratungen by channel, counselling time against net working time (target ≥ 50 %), no-show and
 * cancellation rates (Terminausfallmanagement), TVZ compliance and the load over the day.
 * A share is null where its denominator is zero: "no data" is not "0 %".
 */
import type { Appointment, Channel, Land } from '../domain/appointment.js';
import { berlinDate, minutesBetween } from './berlin-time.js';
import { isBeratung } from './channel.js';
import { dayLoad } from './load.js';
import { tvzOf, TVZ_LIMIT_WORKING_DAYS } from './tvz.js';
import { addCalendarDays, isWorkingDay, workingDaysIn, type LocalHoliday } from './working-days.js';

export const COUNSELLING_TARGET_SHARE = 0.5;

export interface ReportPeriod {
  /** First and last day (inclusive), YYYY-MM-DD, Berlin calendar. */
  readonly from: string;
  readonly to: string;
}

export interface ReportOptions {
  readonly land: Land;
  /** Municipal holidays the agency observes (managed setting `localHolidays`). */
  readonly localHolidays?: readonly LocalHoliday[];
  /** Net working time of one working day in minutes (after breaks, meetings, admin time agreed for the post). */
  readonly netMinutesPerWorkingDay: number;
  readonly videoChannels: number;
  readonly tvzLimit?: number;
  /**
   * The day the figures are computed on (YYYY-MM-DD, Berlin): working days after it have not been worked yet and
   * do not count. Without it the whole period counts (a closed period).
   */
  readonly today?: string;
  /** Working days each counsellor was absent in the period (leave, illness, training), by counsellor id. */
  readonly absentDays?: Readonly<Record<string, number>>;
  /**
   * Counsellors who count even without an appointment in the period: a counsellor's own report counts their
   * working time in a week without Beratungen (0 % of it, not "no data").
   */
  readonly counsellors?: readonly string[];
}

type ReportAppointment = Pick<Appointment, 'type' | 'channel' | 'status' | 'start' | 'end' | 'registeredOn' | 'land' | 'counsellorId'>;

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export interface ChannelShare {
  readonly counts: Readonly<Record<Channel, number>>;
  readonly total: number;
  readonly shares: Readonly<Record<Channel, number | null>>;
}

/** Held Beratungen by channel. */
export function channelShare(appointments: readonly ReportAppointment[]): ChannelShare {
  const counts: Record<Channel, number> = { praesenz: 0, video: 0, telefon: 0 };
  for (const appointment of appointments) {
    if (appointment.status === 'held' && isBeratung(appointment.type)) counts[appointment.channel] += 1;
  }
  const total = counts.praesenz + counts.video + counts.telefon;
  return {
    counts,
    total,
    shares: { praesenz: share(counts.praesenz, total), video: share(counts.video, total), telefon: share(counts.telefon, total) },
  };
}

/** One counsellor's counselling time against their own net working time in the period. */
export interface CounsellorTime {
  readonly counsellorId: string;
  readonly counsellingMinutes: number;
  /** Working days of the period up to `today`, less the counsellor's absence days. */
  readonly workingDays: number;
  readonly absentDays: number;
  readonly netWorkingMinutes: number;
  readonly share: number | null;
  readonly meetsTarget: boolean | null;
}

export interface CounsellingTime {
  /** Sum over the counsellors. */
  readonly counsellingMinutes: number;
  /** Sum of each counsellor's own net working time: a team of two has twice the time of one. */
  readonly netWorkingMinutes: number;
  readonly share: number | null;
  readonly target: number;
  /** Null where there is nothing to judge: no counsellor with appointments, or no elapsed working time. */
  readonly meetsTarget: boolean | null;
  /** Working days of the period that have passed (up to and including `today`), before absences. */
  readonly elapsedWorkingDays: number;
  /** Each counsellor with an appointment in the period, by id. */
  readonly perCounsellor: readonly CounsellorTime[];
}

const judged = (ratio: number | null): boolean | null => (ratio === null ? null : ratio >= COUNSELLING_TARGET_SHARE);

/**
 * Minutes of held Beratungen (any channel) against net working time, per counsellor and summed for a team:
 * each counsellor's net working time is the period's working days up to `today` (days not yet worked do not
 * count), less their absence days, times the net minutes of a working day. The team's share is the sum of the
 * counselling minutes over the sum of the counsellors' net working time, so it stays between 0 and what the
 * counsellors achieved, however many there are. Counsellors are those with an appointment in the period and
 * those named in `options.counsellors`.
 */
export function counsellingTime(
  appointments: readonly ReportAppointment[],
  period: ReportPeriod,
  options: Pick<ReportOptions, 'land' | 'netMinutesPerWorkingDay' | 'today' | 'absentDays' | 'localHolidays' | 'counsellors'>,
): CounsellingTime {
  const lastDay = options.today !== undefined && options.today < period.to ? options.today : period.to;
  const elapsedWorkingDays = workingDaysIn(period.from, lastDay, options.land, options.localHolidays);
  const minutes = new Map<string, number>((options.counsellors ?? []).map((counsellorId) => [counsellorId, 0]));
  for (const appointment of appointments) {
    const own = minutes.get(appointment.counsellorId) ?? 0;
    const counted = appointment.status === 'held' && isBeratung(appointment.type) ? Math.max(0, minutesBetween(appointment.start, appointment.end)) : 0;
    minutes.set(appointment.counsellorId, own + counted);
  }
  const perCounsellor = [...minutes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([counsellorId, counsellingMinutes]): CounsellorTime => {
      const absentDays = Math.min(elapsedWorkingDays, Math.max(0, Math.floor(options.absentDays?.[counsellorId] ?? 0)));
      const workingDays = elapsedWorkingDays - absentDays;
      const netWorkingMinutes = workingDays * options.netMinutesPerWorkingDay;
      const ratio = share(counsellingMinutes, netWorkingMinutes);
      return { counsellorId, counsellingMinutes, workingDays, absentDays, netWorkingMinutes, share: ratio, meetsTarget: judged(ratio) };
    });
  const counsellingMinutes = perCounsellor.reduce((sum, counsellor) => sum + counsellor.counsellingMinutes, 0);
  const netWorkingMinutes = perCounsellor.reduce((sum, counsellor) => sum + counsellor.netWorkingMinutes, 0);
  const ratio = share(counsellingMinutes, netWorkingMinutes);
  return {
    counsellingMinutes,
    netWorkingMinutes,
    share: ratio,
    target: COUNSELLING_TARGET_SHARE,
    meetsTarget: judged(ratio),
    elapsedWorkingDays,
    perCounsellor,
  };
}

export interface Attendance {
  readonly held: number;
  readonly noShow: number;
  readonly cancelled: number;
  /** No-shows among the appointments that were to take place (held + no-show). */
  readonly noShowRate: number | null;
  /** Terminausfall: no-shows and cancellations among all settled appointments. */
  readonly lossRate: number | null;
}

export function attendance(appointments: readonly ReportAppointment[]): Attendance {
  let held = 0;
  let noShow = 0;
  let cancelled = 0;
  for (const appointment of appointments) {
    if (appointment.status === 'held') held += 1;
    else if (appointment.status === 'no_show') noShow += 1;
    else if (appointment.status === 'cancelled') cancelled += 1;
  }
  return {
    held,
    noShow,
    cancelled,
    noShowRate: share(noShow, held + noShow),
    lossRate: share(noShow + cancelled, held + noShow + cancelled),
  };
}

export interface TvzCompliance {
  readonly firstInterviews: number;
  readonly compliant: number;
  readonly breached: number;
  readonly share: number | null;
}

/** First interviews (not cancelled, registration known) that keep the TVZ. */
export function tvzCompliance(
  appointments: readonly ReportAppointment[],
  limit = TVZ_LIMIT_WORKING_DAYS,
  localHolidays: readonly LocalHoliday[] = [],
): TvzCompliance {
  let compliant = 0;
  let breached = 0;
  for (const appointment of appointments) {
    if (appointment.status === 'cancelled') continue;
    const tvz = tvzOf(appointment, limit, localHolidays);
    if (!tvz) continue;
    if (tvz.breached) breached += 1;
    else compliant += 1;
  }
  return { firstInterviews: compliant + breached, compliant, breached, share: share(compliant, compliant + breached) };
}

export interface HourProfile {
  readonly hour: number;
  /** Appointments overlapping the hour, averaged over the period's working days. */
  readonly averageAppointments: number;
  readonly averageVideo: number;
  /** Working days on which this hour had more simultaneous video appointments than channels. */
  readonly daysOverCapacity: number;
}

/** The load over the day: each hour's average over the period's working days, and its peaks. */
export function loadOverDay(
  appointments: readonly ReportAppointment[],
  period: ReportPeriod,
  options: Pick<ReportOptions, 'land' | 'videoChannels' | 'localHolidays'>,
): HourProfile[] {
  const byDate = new Map<string, ReportAppointment[]>();
  for (const appointment of appointments) {
    const date = berlinDate(appointment.start);
    if (date < period.from || date > period.to) continue;
    const list = byDate.get(date);
    if (list) list.push(appointment);
    else byDate.set(date, [appointment]);
  }
  const sums = new Map<number, { appointments: number; video: number; over: number }>();
  let days = 0;
  for (let date = period.from; date <= period.to; date = addCalendarDays(date, 1)) {
    if (!isWorkingDay(date, options.land, options.localHolidays)) continue;
    days += 1;
    for (const hour of dayLoad(byDate.get(date) ?? [], date, { videoChannels: options.videoChannels }).hours) {
      const sum = sums.get(hour.hour) ?? { appointments: 0, video: 0, over: 0 };
      sum.appointments += hour.appointments;
      sum.video += hour.video;
      if (hour.overCapacity) sum.over += 1;
      sums.set(hour.hour, sum);
    }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, sum]) => ({
      hour,
      averageAppointments: days ? sum.appointments / days : 0,
      averageVideo: days ? sum.video / days : 0,
      daysOverCapacity: sum.over,
    }));
}

export interface NahAmKundenReport {
  readonly period: ReportPeriod;
  readonly channelShare: ChannelShare;
  readonly counsellingTime: CounsellingTime;
  readonly attendance: Attendance;
  readonly tvz: TvzCompliance;
  readonly loadOverDay: readonly HourProfile[];
}

/** All figures for the period; appointments outside it (by Berlin start date) are ignored. */
export function nahAmKundenReport(
  appointments: readonly ReportAppointment[],
  period: ReportPeriod,
  options: ReportOptions,
): NahAmKundenReport {
  if (period.to < period.from) throw new RangeError('Der Berichtszeitraum endet vor seinem Beginn.');
  const inPeriod = appointments.filter((appointment) => {
    const date = berlinDate(appointment.start);
    return date >= period.from && date <= period.to;
  });
  return {
    period,
    channelShare: channelShare(inPeriod),
    counsellingTime: counsellingTime(inPeriod, period, options),
    attendance: attendance(inPeriod),
    tvz: tvzCompliance(inPeriod, options.tvzLimit, options.localHolidays),
    loadOverDay: loadOverDay(inPeriod, period, options),
  };
}
