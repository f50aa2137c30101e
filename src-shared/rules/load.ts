/**
 * The day's load per hour (BA-Weisung 202209006 §3): video appointments should be spread over the day so that
 * the agency's video channels are used economically. For each hour the peak number of simultaneous video
 * appointments is compared with the configured number of channels; an hour above capacity is a peak.
 */
import type { Appointment } from '../domain/appointment.js';
import { berlinClock } from './berlin-time.js';
import type { Finding } from './findings.js';

export interface HourLoad {
  /** Hour of the day, Berlin time (9 = 09:00–10:00). */
  readonly hour: number;
  /** Appointments of any channel that overlap this hour (not cancelled). */
  readonly appointments: number;
  /** Video appointments that overlap this hour. */
  readonly video: number;
  /** Most video appointments running at the same moment within this hour. */
  readonly peakConcurrentVideo: number;
  readonly capacity: number;
  readonly overCapacity: boolean;
}

export interface DayLoad {
  readonly date: string;
  readonly hours: readonly HourLoad[];
  readonly peakHours: readonly number[];
  readonly findings: readonly Finding[];
}

export interface DayLoadOptions {
  /** The number of video channels configured for the agency (≥ 0). */
  readonly videoChannels: number;
  /** First and last hour shown (inclusive); defaults to the agency's 7–18. */
  readonly firstHour?: number;
  readonly lastHour?: number;
}

interface Span {
  readonly from: number;
  readonly to: number;
  readonly video: boolean;
}

/** Minutes since Berlin midnight of `date`, clipped to the day. */
function spanOn(date: string, appointment: Pick<Appointment, 'start' | 'end' | 'channel'>): Span | null {
  const start = berlinClock(appointment.start);
  const end = berlinClock(appointment.end);
  if (start.date > date || end.date < date) return null;
  const from = start.date < date ? 0 : start.hour * 60 + start.minute;
  const to = end.date > date ? 24 * 60 : end.hour * 60 + end.minute;
  if (to <= from) return null;
  return { from, to, video: appointment.channel === 'video' };
}

function peakConcurrent(spans: readonly Span[], from: number, to: number): number {
  // The maximum of overlapping intervals is reached at the start of one of them (or at the window's start).
  const moments = [from, ...spans.map((span) => span.from).filter((at) => at > from && at < to)];
  let peak = 0;
  for (const at of moments) {
    const running = spans.filter((span) => span.from <= at && span.to > at).length;
    if (running > peak) peak = running;
  }
  return peak;
}

export function dayLoad(
  appointments: readonly Pick<Appointment, 'start' | 'end' | 'channel' | 'status'>[],
  date: string,
  options: DayLoadOptions,
): DayLoad {
  if (!Number.isInteger(options.videoChannels) || options.videoChannels < 0) {
    throw new RangeError('Die Zahl der Videokanäle muss eine ganze Zahl ≥ 0 sein.');
  }
  const firstHour = options.firstHour ?? 7;
  const lastHour = options.lastHour ?? 18;
  const spans = appointments
    .filter((appointment) => appointment.status !== 'cancelled')
    .map((appointment) => spanOn(date, appointment))
    .filter((span): span is Span => span !== null);

  const hours: HourLoad[] = [];
  for (let hour = firstHour; hour <= lastHour; hour += 1) {
    const from = hour * 60;
    const to = from + 60;
    const inHour = spans.filter((span) => span.from < to && span.to > from);
    const video = inHour.filter((span) => span.video);
    const peak = peakConcurrent(video, from, to);
    hours.push({
      hour,
      appointments: inHour.length,
      video: video.length,
      peakConcurrentVideo: peak,
      capacity: options.videoChannels,
      overCapacity: peak > options.videoChannels,
    });
  }
  const peakHours = hours.filter((hour) => hour.overCapacity).map((hour) => hour.hour);
  const findings: Finding[] = peakHours.length
    ? [
        {
          code: 'VIDEOKANAELE_UEBERBUCHT',
          severity: 'warning',
          message: `Zu viele gleichzeitige Videotermine um ${peakHours.map((hour) => `${String(hour).padStart(2, '0')}:00`).join(', ')} Uhr (Kapazität: ${options.videoChannels} Videokanäle). Bitte Termine auf ruhigere Stunden verteilen.`,
        },
      ]
    : [];
  return { date, hours, peakHours, findings };
}
