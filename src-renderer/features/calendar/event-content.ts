/**
 * The content of one appointment in the time grid, as the HTML string Schedule-X puts into the event
 * (`_customContent.timeGrid`). Not a React component: Schedule-X's React adapter renders each custom component
 * through its own portal, which made a week of 600 appointments (a team lead's region) take seconds; static
 * markup renders with the grid itself. Every value is escaped; no style attributes (CSP).
 */
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { NoteState } from '../../../src-shared/rules/index.js';
import { formatTime } from './dates.js';
import type { AppointmentCluster } from './grid-items.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function eventHtml(appointment: Appointment, noteState: NoteState, t: Translate, language: string): string {
  const time = `${formatTime(appointment.start, language)}–${formatTime(appointment.end, language)}`;
  const meta = `${t(`type.${appointment.type}`)} · ${t(`channel.${appointment.channel}`)} · ${appointment.fachdienst}`;
  const overdue = noteState === 'overdue' ? `<span class="badge badge--bad" data-testid="note-overdue">${escapeHtml(t('note.overdue'))}</span>` : '';
  return (
    `<div class="appointment-event appointment-event--${appointment.status}" data-testid="calendar-event" data-appointment-id="${escapeHtml(appointment.id)}" data-grid-item="${escapeHtml(appointment.id)}">` +
    // Most important first, because a 15-minute box shows one line: who, and whether the note is missing; the
    // box's position already tells the time.
    `<span class="appointment-event__customer">${escapeHtml(appointment.customer.displayName)}</span>` +
    overdue +
    `<span class="appointment-event__time">${escapeHtml(time)}</span>` +
    `<span class="appointment-event__meta">${escapeHtml(meta)}</span>` +
    `<span class="appointment-event__status">${escapeHtml(t(`status.${appointment.status}`))}</span>` +
    `</div>`
  );
}

/** One dense hour as a cluster: its name (the event is a role=button) says how many and how many lack a note. */
export function clusterHtml(cluster: AppointmentCluster, overdue: number, t: Translate): string {
  const hours = `${String(cluster.hour).padStart(2, '0')}:00–${String(cluster.hour + 1).padStart(2, '0')}:00`;
  const missing = overdue > 0 ? `<span class="badge badge--bad" data-testid="note-overdue">${escapeHtml(t('cluster.overdue', { count: overdue }))}</span>` : '';
  return (
    `<div class="appointment-cluster" data-testid="calendar-cluster" data-grid-item="${escapeHtml(cluster.id)}">` +
    `<span class="appointment-cluster__count">${escapeHtml(t('cluster.count', { count: cluster.appointments.length }))}</span>` +
    `<span class="appointment-event__time">${escapeHtml(hours)}</span>` +
    missing +
    `</div>`
  );
}
