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
import { addCalendarDays, isWorkingDay, workingDaysIn } from './working-days.js';

export const COUNSELLING_TARGET_SHARE = 0.5;

export interface ReportPeriod {
  /** First and last day (inclusive), YYYY-MM-DD, Berlin calendar. */
  readonly from: string;
  readonly to: string;
}

export interface ReportOptions {
  readonly land: Land;
  /** Net working time of one working day in minutes (after breaks, meetings, admin time agreed for the post). */
  readonly netMinutesPerWorkingDay: number;
  readonly videoChannels: number;
  readonly tvzLimit?: number;
}

type ReportAppointment = Pick<Appointment, 'type' | 'channel' | 'status' | 'start' | 'end' | 'registeredOn' | 'land'>;

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

export interface CounsellingTime {
  readonly counsellingMinutes: number;
  readonly netWorkingMinutes: number;
  readonly share: number | null;
  readonly target: number;
  readonly meetsTarget: boolean | null;
}

/** Minutes of held Beratungen (any channel) against the net working time of the period's working days. */
export function counsellingTime(
  appointments: readonly ReportAppointment[],
  period: ReportPeriod,
  options: Pick<ReportOptions, 'land' | 'netMinutesPerWorkingDay'>,
): CounsellingTime {
  let counsellingMinutes = 0;
  for (const appointment of appointments) {
    if (appointment.status === 'held' && isBeratung(appointment.type)) {
      counsellingMinutes += Math.max(0, minutesBetween(appointment.start, appointment.end));
    }
  }
  const netWorkingMinutes = workingDaysIn(period.from, period.to, options.land) * options.netMinutesPerWorkingDay;
  const ratio = share(counsellingMinutes, netWorkingMinutes);
  return {
    counsellingMinutes,
    netWorkingMinutes,
    share: ratio,
    target: COUNSELLING_TARGET_SHARE,
    meetsTarget: ratio === null ? null : ratio >= COUNSELLING_TARGET_SHARE,
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
export function tvzCompliance(appointments: readonly ReportAppointment[], limit = TVZ_LIMIT_WORKING_DAYS): TvzCompliance {
  let compliant = 0;
  let breached = 0;
  for (const appointment of appointments) {
    if (appointment.status === 'cancelled') continue;
    const tvz = tvzOf(appointment, limit);
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
  options: Pick<ReportOptions, 'land' | 'videoChannels'>,
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
    if (!isWorkingDay(date, options.land)) continue;
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
    tvz: tvzCompliance(inPeriod, options.tvzLimit),
    loadOverDay: loadOverDay(inPeriod, period, options),
  };
}
