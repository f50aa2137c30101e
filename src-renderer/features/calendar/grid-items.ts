/**
 * What the time grid draws: single appointments, or, where one hour of one day holds more appointments than fit
 * side by side, one "N Termine" cluster for that hour. A region's week (600 appointments, ten or more starting in
 * the same hour) drawn box by box gives columns a few pixels wide that nobody can read, and it is what made a
 * week switch take seconds (Schedule-X lays out and renders every box). The cluster opens a list of its
 * appointments (ClusterPanel), so every appointment stays reachable by keyboard and screen reader.
 */
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { berlinClock } from '../../../src-shared/rules/index.js';

/** More appointments than this starting in one hour become a cluster: four 30-minute boxes still fit side by side. */
export const CLUSTER_ABOVE = 4;

const CLUSTER_PREFIX = 'cluster:';

export interface AppointmentCluster {
  /** `cluster:YYYY-MM-DD:HH` (Berlin day and hour); stable while the hour holds appointments. */
  readonly id: string;
  readonly date: string;
  readonly hour: number;
  readonly appointments: readonly Appointment[];
}

export type GridItem = { readonly kind: 'appointment'; readonly appointment: Appointment } | { readonly kind: 'cluster'; readonly cluster: AppointmentCluster };

export const isClusterId = (id: string): boolean => id.startsWith(CLUSTER_PREFIX);

export function gridItems(appointments: readonly Appointment[]): GridItem[] {
  const byHour = new Map<string, { date: string; hour: number; appointments: Appointment[] }>();
  for (const appointment of appointments) {
    const { date, hour } = berlinClock(appointment.start);
    const key = `${date}:${String(hour).padStart(2, '0')}`;
    const bucket = byHour.get(key);
    if (bucket) bucket.appointments.push(appointment);
    else byHour.set(key, { date, hour, appointments: [appointment] });
  }
  const items: GridItem[] = [];
  for (const [key, bucket] of byHour) {
    if (bucket.appointments.length > CLUSTER_ABOVE) {
      const sorted = [...bucket.appointments].sort((a, b) => a.start.localeCompare(b.start));
      items.push({ kind: 'cluster', cluster: { id: `${CLUSTER_PREFIX}${key}`, date: bucket.date, hour: bucket.hour, appointments: sorted } });
    } else {
      for (const appointment of bucket.appointments) items.push({ kind: 'appointment', appointment });
    }
  }
  return items;
}
