/**
 * A held Beratung in Präsenz or by video steers the case and must be documented with a Beratungsvermerk
 * (BA-Weisung 202502006 §2.1). Until a complete note exists, the appointment shows as overdue.
 */
import type { Appointment } from '../domain/appointment.js';
import type { NoteContent } from '../domain/note.js';
import { isBeratung } from './channel.js';
import type { Finding } from './findings.js';
import { validateNote } from './note-templates.js';

export type NoteState =
  /** No note required (not held, not a Beratung, or held by telephone). */
  | 'not_required'
  /** Required and not yet complete. */
  | 'overdue'
  /** A complete note exists. */
  | 'written';

export const requiresNote = (appointment: Pick<Appointment, 'type' | 'channel' | 'status'>): boolean =>
  appointment.status === 'held' && isBeratung(appointment.type) && appointment.channel !== 'telefon';

/** The note state, given the contents of the appointment's saved versions (any order). */
export function noteState(
  appointment: Pick<Appointment, 'type' | 'channel' | 'status'>,
  versions: readonly { readonly content: NoteContent }[],
): NoteState {
  if (!requiresNote(appointment)) return 'not_required';
  return versions.some((version) => validateNote(appointment.type, version.content).length === 0) ? 'written' : 'overdue';
}

export function noteFindings(state: NoteState): Finding[] {
  if (state !== 'overdue') return [];
  return [
    {
      code: 'VERMERK_UEBERFAELLIG',
      severity: 'warning',
      message: 'Für diese Beratung fehlt der Beratungsvermerk. Bitte den Vermerk mit allen Pflichtfeldern schreiben.',
    },
  ];
}
