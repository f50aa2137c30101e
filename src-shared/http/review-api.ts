/**
 * The pseudonymised case review (VKB, BA-Weisung 202503001 §2): a team lead draws a seeded random sample of
 * Beratungsvermerke of their own region and month. Reviewed cases leave the server only pseudonymised: a keyed
 * pseudonym instead of the customer number, no personal data of customers or staff (also not in free text),
 * the appointment date generalised to its month.
 */
import { z } from 'zod';
import { AppointmentType, Channel, Fachdienst } from '../domain/appointment.js';
import { ParticipantRole } from '../domain/note.js';

/** The BA's minimum: at least 10 cases per region and month. */
export const VKB_MIN_SAMPLE = 10;
export const VKB_MAX_SAMPLE = 200;

export const ReviewMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Monat als JJJJ-MM angeben.');

/** POST {API_PREFIX}/review/export — team leads only; the region is always the lead's own. */
export const ReviewExportRequest = z
  .object({
    month: ReviewMonth,
    /** Any text; the same seed over the same data draws the same sample, so a draw can be repeated for audit. */
    seed: z.string().min(1).max(200),
    /** Cases to draw (default from server config, at least VKB_MIN_SAMPLE). */
    sampleSize: z.number().int().min(VKB_MIN_SAMPLE).max(VKB_MAX_SAMPLE).optional(),
    /** The process (Fachdienst) to review; all of the lead's sight when absent. The sample is drawn within it. */
    fachdienst: Fachdienst.optional(),
    /** Export these cases (pseudonymous case ids of an earlier draw) instead of drawing. */
    caseIds: z.array(z.string().min(1).max(64)).min(1).max(VKB_MAX_SAMPLE).optional(),
  })
  .strict();
export type ReviewExportRequest = z.infer<typeof ReviewExportRequest>;

export const ReviewCase = z.object({
  /** Keyed pseudonym of the note: stable across exports, reveals nothing without the server's secret. */
  caseId: z.string(),
  /** Keyed pseudonym of the customer: the same customer has the same pseudonym in every export. */
  customerPseudonym: z.string(),
  region: z.string(),
  month: ReviewMonth,
  type: AppointmentType,
  channel: Channel,
  fachdienst: Fachdienst,
  durationMinutes: z.number().int().nonnegative(),
  participants: z.array(ParticipantRole),
  fields: z.object({ anlass: z.string(), situation: z.string(), ziele: z.string(), vereinbarungen: z.string() }),
  freeText: z.string(),
  /** How many personal data items were removed or generalised from this case's texts. */
  redactions: z.number().int().nonnegative(),
});
export type ReviewCase = z.infer<typeof ReviewCase>;

export const ReviewExportReply = z.object({
  region: z.string(),
  month: ReviewMonth,
  seed: z.string(),
  /** The process the sample was drawn from; null for all of the lead's sight. */
  fachdienst: Fachdienst.nullable(),
  /** Notes of the region and month that were eligible for the draw. */
  population: z.number().int().nonnegative(),
  cases: z.array(ReviewCase),
  generatedAt: z.iso.datetime({ offset: true }),
});
export type ReviewExportReply = z.infer<typeof ReviewExportReply>;

/** The `review` section of the server's configuration file. The secret is better given as BERATUNGSRAUM_VKB_SECRET. */
export const ReviewConfig = z
  .object({
    /** Key of the pseudonyms, at least 32 bytes; never sent to any client. */
    secret: z.string().min(32).optional(),
    /** Cases drawn per region and month when the request names no size. */
    sampleSize: z.number().int().min(VKB_MIN_SAMPLE).max(VKB_MAX_SAMPLE).default(VKB_MIN_SAMPLE),
  })
  .strict()
  .prefault({});
export type ReviewConfig = z.infer<typeof ReviewConfig>;
