/**
 * All rule findings for one appointment as the calendar shows it, and the checks the back office runs before it
 * accepts a change (booking, channel change, status change) into the outbox.
 */
import type { Appointment, AppointmentStatus, Channel } from '../domain/appointment.js';
import { channelFindings } from './channel.js';
import { consentStatus } from './consent.js';
import type { Finding } from './findings.js';
import { noteFindings, type NoteState } from './note-requirement.js';
import { tvzFindings, tvzOf } from './tvz.js';

/** `note` is the appointment's note state (see `noteState`), which the caller knows from the note store. */
export function appointmentFindings(appointment: Appointment, note: NoteState): Finding[] {
  const findings = [
    ...channelFindings(appointment.type, appointment.channel),
    ...tvzFindings(tvzOf(appointment)),
    ...noteFindings(note),
  ];
  if (appointment.status === 'planned' && consentStatus(appointment) === 'missing') {
    findings.push({
      code: 'EINWILLIGUNG_FEHLT',
      severity: 'warning',
      message: 'Für diesen Videotermin liegt noch keine Einwilligung vor. Bitte vor dem Gespräch erfassen.',
    });
  }
  return findings;
}

/** Findings for moving an appointment to another channel; a refusal must stop the change. */
export const channelChangeFindings = (appointment: Pick<Appointment, 'type'>, channel: Channel): Finding[] =>
  channelFindings(appointment.type, channel);

/**
 * Whether an appointment may be marked held / no-show at `now`: only once it has begun. Cancelling is always
 * possible, and a settled status may be corrected (a customer marked as no-show who arrives late).
 */
export function statusChangeRefusal(appointment: Pick<Appointment, 'start'>, status: AppointmentStatus, now: Date): Finding | null {
  if ((status === 'held' || status === 'no_show') && Date.parse(appointment.start) > now.getTime()) {
    return {
      code: 'NOCH_NICHT_BEGONNEN',
      severity: 'refusal',
      message: 'Der Termin hat noch nicht begonnen. „Stattgefunden“ oder „Nicht erschienen“ erst ab Terminbeginn markieren.',
    };
  }
  return null;
}
