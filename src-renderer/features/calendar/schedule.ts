/// <reference types="temporal-spec/global" />
/**
 * Appointments as Schedule-X events. Schedule-X was chosen over FullCalendar because FullCalendar ≥ 6 injects its
 * CSS through runtime `<style>` elements, which our CSP (`style-src 'self'`, no nonce, no unsafe-inline) blocks
 * (fullcalendar/fullcalendar#7104, #7353: it even crashes). Schedule-X ships plain CSS files and positions events
 * through the CSSOM (`element.style…`, `style.setProperty`), which the CSP allows; its events are focusable
 * buttons with keyboard handlers. It needs the Temporal API, which Chromium does not ship yet: the polyfill
 * (temporal-polyfill 1.x, typed by its temporal-spec) installs it; 1.x builds ZonedDateTimes ~6× faster than the
 * 0.3 that Schedule-X names, which matters with a region's 600 appointments a week.
 */
import 'temporal-polyfill/global';
import type { CalendarEvent } from '@schedule-x/calendar';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AGENCY_TIME_ZONE, type NoteState } from '../../../src-shared/rules/index.js';
import { clusterHtml, eventHtml } from './event-content.js';
import type { AppointmentCluster } from './grid-items.js';

export interface AppointmentEventData {
  readonly appointment: Appointment;
  readonly noteState: NoteState;
}

export const toZoned = (iso: string): Temporal.ZonedDateTime => Temporal.Instant.from(iso).toZonedDateTimeISO(AGENCY_TIME_ZONE);

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Events by appointment id, revision, note state and language: paging back to a week, or a note state arriving,
 * reuses the ZonedDateTimes and markup of unchanged appointments instead of building them again (the Temporal
 * polyfill is the dearest part). Cleared when it outgrows a few weeks of a region.
 */
const eventCache = new Map<string, CalendarEvent>();
const EVENT_CACHE_LIMIT = 5000;

export function toEvent(appointment: Appointment, noteState: NoteState, t: Translate, language: string): CalendarEvent {
  const key = `${appointment.id}|${appointment.revision}|${appointment.updatedAt}|${noteState}|${language}`;
  const cached = eventCache.get(key);
  if (cached) return cached;
  if (eventCache.size >= EVENT_CACHE_LIMIT) eventCache.clear();
  const event = buildEvent(appointment, noteState, t, language);
  eventCache.set(key, event);
  return event;
}

function buildEvent(appointment: Appointment, noteState: NoteState, t: Translate, language: string): CalendarEvent {
  return {
    id: appointment.id,
    start: toZoned(appointment.start),
    end: toZoned(appointment.end),
    calendarId: appointment.status === 'cancelled' || appointment.status === 'no_show' ? 'settled' : appointment.channel,
    _customContent: { timeGrid: eventHtml(appointment, noteState, t, language) },
    data: { appointment, noteState } satisfies AppointmentEventData,
  };
}

/** A dense hour as one event over the whole hour (see grid-items.ts). */
export function clusterEvent(cluster: AppointmentCluster, overdue: number, t: Translate): CalendarEvent {
  const at = (hour: number) => Temporal.ZonedDateTime.from(`${cluster.date}T${String(hour).padStart(2, '0')}:00[${AGENCY_TIME_ZONE}]`);
  return {
    id: cluster.id,
    start: at(cluster.hour),
    end: cluster.hour < 23 ? at(cluster.hour + 1) : at(23).add({ minutes: 59 }),
    calendarId: 'cluster',
    _customContent: { timeGrid: clusterHtml(cluster, overdue, t) },
  };
}

/** Colours with ≥ 4.5:1 contrast of the text (onContainer) on the event background (container). */
export const CALENDARS = {
  praesenz: { colorName: 'praesenz', lightColors: { main: '#00346e', container: '#dde7f3', onContainer: '#0b1f3a' } },
  video: { colorName: 'video', lightColors: { main: '#1d6b33', container: '#ddf0e2', onContainer: '#0d2e16' } },
  telefon: { colorName: 'telefon', lightColors: { main: '#8a4b00', container: '#fbe9d3', onContainer: '#3a2000' } },
  cluster: { colorName: 'cluster', lightColors: { main: '#00346e', container: '#f2f5f9', onContainer: '#0b1f3a' } },
  settled: { colorName: 'settled', lightColors: { main: '#4a4a4a', container: '#ececec', onContainer: '#1a1a1a' } },
};
