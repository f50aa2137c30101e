import { z } from 'zod';
import { Channel, Id, IsoDateTime } from './appointment.js';

export const ParticipantRole = z.enum(['counsellor', 'customer', 'interpreter', 'carer', 'companion']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/** The structured part of a Beratungsvermerk (VerBIS note). */
export const NoteFields = z.object({
  anlass: z.string().max(2000),
  situation: z.string().max(10000),
  ziele: z.string().max(5000),
  vereinbarungen: z.string().max(5000),
  kanal: Channel,
  dauerMinuten: z.number().int().min(0).max(600),
  teilnehmende: z.array(ParticipantRole).max(10),
});
export type NoteFields = z.infer<typeof NoteFields>;

export const NoteContent = z.object({
  fields: NoteFields,
  freeText: z.string().max(50000),
});
export type NoteContent = z.infer<typeof NoteContent>;

/**
 * One version of a note. A conflicting edit never overwrites: it becomes a further version with
 * `conflictOf` pointing at the version it competed with.
 */
export const NoteVersion = z.object({
  noteId: Id,
  appointmentId: Id,
  version: z.number().int().positive(),
  /** The version this edit was based on; null for the first. */
  baseVersion: z.number().int().positive().nullable(),
  content: NoteContent,
  /** BPS notes carry health data and never leave BPS visibility. */
  healthData: z.boolean(),
  authorId: z.string().min(1).max(64),
  savedAt: IsoDateTime,
  conflictOf: z.number().int().positive().nullable(),
});
export type NoteVersion = z.infer<typeof NoteVersion>;
