import { z } from 'zod';

/** How a contact takes place. Video complements Präsenz, never replaces it (BA-Weisung 202209001 §2.2). */
export const Channel = z.enum(['praesenz', 'video', 'telefon']);
export type Channel = z.infer<typeof Channel>;

/**
 * The occasion of an appointment. `erstgespraech_alo` is the first interview after registering as unemployed
 * (§ 141 SGB III), which must be held in person (202502006 §2.1).
 */
export const AppointmentType = z.enum([
  'erstgespraech_alo',
  'erstgespraech',
  'folgegespraech',
  'zwischenkontakt',
  'bps_begutachtung',
  'gruppeninformation',
]);
export type AppointmentType = z.infer<typeof AppointmentType>;

/** The specialised service (Fachdienst/Team). BPS data is health data: visible to BPS staff only. */
export const Fachdienst = z.enum(['AV', 'BB', 'Reha', 'BPS']);
export type Fachdienst = z.infer<typeof Fachdienst>;

export const AppointmentStatus = z.enum(['planned', 'held', 'no_show', 'cancelled']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** German federal states, for public holidays in TVZ computations. */
export const Land = z.enum(['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH']);
export type Land = z.infer<typeof Land>;

export const Id = z.string().uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

/** Personal data of a customer. Never leaves the counsellor's view unpseudonymised (VKB, 202503001). */
export const Customer = z.object({
  customerNumber: z.string().min(1).max(32),
  displayName: z.string().min(1).max(200),
  /** Stable pseudonym for roles that must not see the person (team lead review). */
  pseudonym: z.string().min(1).max(64),
});
export type Customer = z.infer<typeof Customer>;

/**
 * Version of the consent text — shown on the guest page, read out by the counsellor on the phone or in person —
 * recorded with every consent (202209001 §2.1). The one home of this fact: a new text gets a new version here.
 */
export const CONSENT_TEXT_VERSION = 'video-consent-2026-11';
export const CONSENT_TEXT_VERSIONS = [CONSENT_TEXT_VERSION] as const;

/** Consent to video, recorded before a call (202209001 §2.1): who, when, through which channel, which text. */
export const ConsentRecord = z.object({
  appointmentId: Id,
  givenAt: IsoDateTime,
  /** How the consent was given: on the guest page, by phone, in person. */
  via: z.enum(['guest_page', 'telefon', 'praesenz', 'schriftlich']),
  textVersion: z.string().min(1).max(32),
  withdrawnAt: IsoDateTime.nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const Appointment = z.object({
  id: Id,
  counsellorId: z.string().min(1).max(64),
  agencyRegion: z.string().min(1).max(64),
  land: Land,
  customer: Customer,
  type: AppointmentType,
  channel: Channel,
  fachdienst: Fachdienst,
  start: IsoDateTime,
  end: IsoDateTime,
  status: AppointmentStatus,
  /** Date the customer registered (for TVZ of a first interview); null where not applicable. */
  registeredOn: IsoDate.nullable(),
  consent: ConsentRecord.nullable(),
  /**
   * Where the Beratungsvermerk stands (rule: src-shared/rules/note-requirement.ts), set by the server for readers
   * who may know the state but not the note (team leads): their feed carries no note text, so without it every
   * held Beratung would look overdue. Absent for counsellors, who hold the notes themselves.
   */
  noteState: z.enum(['not_required', 'overdue', 'written']).optional(),
  /** Server-side revision; increases with every change. */
  revision: z.number().int().nonnegative(),
  updatedAt: IsoDateTime,
});
export type Appointment = z.infer<typeof Appointment>;
