/**
 * The local, encrypted, offline-first data of the counsellor: store lifecycle (status, unlock, lock,
 * passphrase set-up, IT-support wipe), the appointment cache, notes with versions, and sync state.
 * Writes go to the local store and its outbox first; the sync engine delivers them when the server is reachable.
 */
import { z } from 'zod';
import { event, method } from '../define.js';
import { Appointment, AppointmentStatus, Channel, ConsentRecord, Id, IsoDate } from '../../domain/appointment.js';
import { NoteContent, NoteVersion } from '../../domain/note.js';
import type { NoteState } from '../../rules/note-requirement.js';
import { StoreStatus, SyncState } from '../../store/status.js';

/** Long enough that an offline guess against scrypt is hopeless; the BA's password rules ask for 12+. */
export const MIN_PASSPHRASE_LENGTH = 12;
export const Passphrase = z.string().min(MIN_PASSPHRASE_LENGTH).max(1024);

/** Typed by IT support to confirm the wipe, so no stray click or script deletes a counsellor's data. */
export const WIPE_CONFIRMATION = 'LOKALE DATEN LÖSCHEN';

export const NoteSyncState = z.enum(['pending', 'synced', 'rejected']);
export type NoteSyncState = z.infer<typeof NoteSyncState>;

/** A note version as the local store holds it: the domain version plus its delivery state. */
export const LocalNoteVersion = NoteVersion.extend({ syncState: NoteSyncState });
export type LocalNoteVersion = z.infer<typeof LocalNoteVersion>;

/** The rule's note states (src-shared/rules/note-requirement.ts), as a schema for the wire. */
export const NoteStateName = Appointment.shape.noteState.unwrap() satisfies z.ZodType<NoteState>;

/** Where an appointment's Beratungsvermerk stands: due, written or not required, with its versions' delivery. */
export const AppointmentNoteState = z.object({
  appointmentId: Id,
  state: NoteStateName,
  /** Saved versions of the appointment's notes; 0 while none is written. */
  versionCount: z.number().int().nonnegative(),
  /** At least one version is a conflicting edit the user should look at. */
  hasConflict: z.boolean(),
  /** At least one version has not reached the server yet. */
  pending: z.boolean(),
});
export type AppointmentNoteState = z.infer<typeof AppointmentNoteState>;

const DateWindow = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((window) => window.from <= window.to, { message: '„from“ muss vor oder auf „to“ liegen.' });

export const localDataMethods = {
  'store.status': method(z.object({}).strict(), StoreStatus),
  /** Keychain mode: no passphrase (the click is the user's confirmation). Passphrase mode: the passphrase. */
  'store.unlock': method(z.object({ passphrase: Passphrase.optional() }).strict(), StoreStatus),
  'store.lock': method(z.object({}).strict(), StoreStatus),
  /** Only when no keychain is available and nothing is set up yet. */
  'store.setupPassphrase': method(z.object({ passphrase: Passphrase }).strict(), StoreStatus),
  /** IT support: deletes the database and its keychain entry or wrapped key. Irreversible. */
  'store.wipe': method(z.object({ confirmation: z.literal(WIPE_CONFIRMATION) }).strict(), StoreStatus),
  /**
   * Someone is at the screen (input, or a call under way): restarts the auto-lock clock. Reading data does not,
   * because the app reads on its own (the calendar after every sync) and would keep an unattended laptop open.
   */
  'store.activity': method(z.object({}).strict(), z.object({}).strict()),

  'appointments.range': method(DateWindow, z.object({ items: z.array(Appointment) })),
  /** One cached appointment, e.g. for the session window's consent check. */
  'appointments.get': method(z.object({ appointmentId: Id }).strict(), Appointment),
  'appointments.setStatus': method(z.object({ appointmentId: Id, status: AppointmentStatus }).strict(), Appointment),
  'appointments.setChannel': method(
    z
      .object({
        appointmentId: Id,
        channel: Channel,
        reason: z.enum(['consent_withdrawn', 'customer_request', 'technical', 'rule']),
      })
      .strict(),
    Appointment,
  ),
  'consent.record': method(ConsentRecord.strict(), Appointment),

  /** Autosave: resolves only after the version is committed to disk. */
  'notes.save': method(z.object({ noteId: Id, appointmentId: Id, content: NoteContent }).strict(), LocalNoteVersion),
  'notes.forAppointment': method(z.object({ appointmentId: Id }).strict(), z.object({ versions: z.array(LocalNoteVersion) })),
  /**
   * The note state of every appointment in the window that needs a note or has one, decided by the back office
   * in one read: the calendar and the notes list would otherwise read every held Beratung's versions one by one.
   */
  'notes.states': method(DateWindow, z.object({ items: z.array(AppointmentNoteState) })),

  'sync.state': method(z.object({}).strict(), SyncState),
  'sync.now': method(z.object({}).strict(), SyncState),
} as const;

export const localDataEvents = {
  'store.status': event(StoreStatus),
  'sync.state': event(SyncState),
  /**
   * Server versions changed the notes of these appointments (the feed, another laptop's edit, a conflict):
   * query them again. One event per sync, so a first sync with thousands of notes is one event.
   */
  'notes.changed': event(z.object({ appointmentIds: z.array(Id).min(1) })),
} as const;
