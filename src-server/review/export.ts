/**
 * Builds the VKB export from what the store holds: scope (the lead's region and month; BPS cases only for a BPS
 * lead), the newest version of each note, a seeded sample or the cases asked for, and every text passed through
 * the redactor with all names and numbers the server knows. Nothing of the appointment but its month, type,
 * channel, Fachdienst and the participants' roles goes out.
 */
import type { Appointment, Fachdienst } from '../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../src-shared/domain/note.js';
import type { ReviewCase, ReviewExportReply } from '../../src-shared/http/review-api.js';
import type { SessionUser } from '../../src-shared/http/sync-api.js';
import { berlinDate } from '../../src-shared/rules/berlin-time.js';
import { isHealthData } from '../../src-shared/rules/visibility.js';
import type { Pseudonymizer } from './pseudonym.js';
import { createRedactor } from './redact.js';
import { drawSample } from './sample.js';

export interface StaffMember {
  readonly id: string;
  readonly displayName: string;
  readonly username?: string;
}

export interface ReviewSource {
  /** Appointments around the month (the builder narrows them to region and month itself). */
  readonly appointments: readonly Appointment[];
  /** Every version of the notes of those appointments. */
  readonly notes: readonly NoteVersion[];
  readonly staff: readonly StaffMember[];
}

export interface ReviewSelection {
  readonly month: string;
  /** Only this process (Fachdienst); all when absent. */
  readonly fachdienst?: Fachdienst;
  readonly seed: string;
  readonly sampleSize: number;
  readonly caseIds?: readonly string[];
}

interface Candidate {
  readonly id: string;
  readonly region: string;
  readonly month: string;
  readonly appointment: Appointment;
  readonly note: NoteVersion;
}

export function buildReviewExport(
  lead: Pick<SessionUser, 'region' | 'fachdienst' | 'role'>,
  source: ReviewSource,
  selection: ReviewSelection,
  pseudonyms: Pseudonymizer,
  now: Date,
): ReviewExportReply {
  const mayReviewHealthData = lead.fachdienst === 'BPS';
  const inScope = source.appointments.filter(
    (appointment) =>
      appointment.agencyRegion === lead.region &&
      berlinDate(appointment.start).slice(0, 7) === selection.month &&
      (selection.fachdienst === undefined || appointment.fachdienst === selection.fachdienst) &&
      (mayReviewHealthData || !isHealthData(appointment)),
  );
  const byId = new Map(inScope.map((appointment) => [appointment.id, appointment]));

  const newest = new Map<string, NoteVersion>();
  for (const note of source.notes) {
    if (!byId.has(note.appointmentId) || (note.healthData && !mayReviewHealthData)) continue;
    const known = newest.get(note.noteId);
    if (!known || note.version > known.version) newest.set(note.noteId, note);
  }
  const candidates: Candidate[] = [...newest.values()].map((note) => ({
    id: note.noteId,
    region: lead.region,
    month: selection.month,
    appointment: byId.get(note.appointmentId)!,
    note,
  }));

  const chosen = selection.caseIds
    ? candidates.filter((candidate) => selection.caseIds!.includes(pseudonyms.note(candidate.id)))
    : drawSample(candidates, selection.seed, selection.sampleSize);

  // Every name and number the server knows, not only those of the chosen cases: a note may mention another
  // customer or a colleague.
  const redactor = createRedactor({
    names: [
      ...source.appointments.map((appointment) => appointment.customer.displayName),
      ...source.staff.flatMap((member) => [member.displayName, ...(member.username ? [member.username] : [])]),
    ],
    numbers: [
      ...source.appointments.map((appointment) => appointment.customer.customerNumber),
      ...source.staff.map((member) => member.id),
    ],
  });

  const cases: ReviewCase[] = chosen.map(({ appointment, note }) => {
    let redactions = 0;
    const clean = (text: string): string => {
      const result = redactor.redact(text);
      redactions += result.count;
      return result.text;
    };
    const { fields, freeText } = note.content;
    return {
      caseId: pseudonyms.note(note.noteId),
      customerPseudonym: pseudonyms.customer(appointment.customer.customerNumber),
      region: appointment.agencyRegion,
      month: selection.month,
      type: appointment.type,
      channel: fields.kanal,
      fachdienst: appointment.fachdienst,
      durationMinutes: fields.dauerMinuten,
      participants: [...fields.teilnehmende],
      fields: {
        anlass: clean(fields.anlass),
        situation: clean(fields.situation),
        ziele: clean(fields.ziele),
        vereinbarungen: clean(fields.vereinbarungen),
      },
      freeText: clean(freeText),
      redactions,
    };
  });

  return {
    region: lead.region,
    month: selection.month,
    seed: selection.seed,
    fachdienst: selection.fachdienst ?? null,
    population: candidates.length,
    cases,
    generatedAt: now.toISOString(),
  };
}
