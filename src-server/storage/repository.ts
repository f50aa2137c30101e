/**
 * Everything the server keeps, behind one small interface, so a gateway to the agency's own systems (ATV for
 * appointments, VerBIS for notes, the IdP for accounts) can replace the embedded SQLite store without touching
 * the API. Methods are async for that reason, although SQLite answers synchronously.
 *
 * Access rules (BPS, IT support) are NOT the repository's job: src-server/access/policy.ts decides who sees
 * what and passes a scope down. A repository only has to honour the scope it is given.
 */
import type { Appointment, Fachdienst } from '../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../src-shared/domain/note.js';
import type { ConsentRecord } from '../../src-shared/domain/appointment.js';
import type { OpResult, Role, SessionUser } from '../../src-shared/http/sync-api.js';
import type { z } from 'zod';

export type StoredOpResult = z.infer<typeof OpResult>;

/** Whose appointments a query may return. */
export interface AppointmentScope {
  /** Only this counsellor's appointments; null: every counsellor's (narrowed by `region`). */
  readonly counsellorId: string | null;
  /** Only this region; null: every region. */
  readonly region: string | null;
  /** BPS appointments (Fachdienst BPS or a BPS type: `isHealthData` in src-shared/rules) only when true. */
  readonly includeBps: boolean;
}

/** Appointments whose start lies in [startMs, endMs). */
export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export interface AppointmentChanges {
  readonly items: Appointment[];
  /** Ids that were inside scope and window at some change after `since` and are not any more. */
  readonly removed: string[];
  /** The change sequence number the reply is complete up to. */
  readonly seq: number;
}

export interface AppointmentStore {
  get(id: string): Promise<Appointment | null>;
  /** Everything in scope and window, and the sequence number this is complete up to. */
  snapshot(scope: AppointmentScope, window: TimeWindow): Promise<AppointmentChanges>;
  /** What changed in scope and window after change `since`. */
  changesSince(since: number, scope: AppointmentScope, window: TimeWindow): Promise<AppointmentChanges>;
  /**
   * Read-modify-write in one step: `change` gets the current appointment and returns the next one (or throws,
   * leaving it untouched). The store bumps `revision`, sets `updatedAt` and records the change for the feed.
   */
  update(id: string, change: (current: Appointment) => Appointment): Promise<Appointment>;
  /** Inserts or replaces (gateway import, demo data). */
  put(appointment: Appointment): Promise<void>;
  /** An identifier of the data set; a cursor from another data set (store recreated) is not continued. */
  epoch(): Promise<string>;
  /** A random 256-bit key of this data set, made once: the feed seals its cursors with it. */
  cursorKey(): Promise<Buffer>;
}

export interface NoteAppend {
  readonly version: NoteVersion;
  /** True when the edit was based on another version than the newest one. */
  readonly conflict: boolean;
}

export interface NoteStore {
  /**
   * Stores `note` as the next version of its note, atomically: the store assigns `version` (head + 1). When
   * `note.baseVersion` is not the head, the edit is kept all the same, with `conflictOf` = head.
   * In the same transaction the note's appointment is recorded as changed for the appointment feed (its change
   * sequence moves on, its `revision` and `updatedAt` do not), so `changesSince` returns it and the feed can
   * carry its notes.
   */
  append(note: NoteVersion): Promise<NoteAppend>;
  /** The versions of one note; a note id names a note within its appointment only. */
  versions(appointmentId: string, noteId: string): Promise<NoteVersion[]>;
  forAppointment(appointmentId: string): Promise<NoteVersion[]>;
  /** Every version of the notes of these appointments (one batch for the feed), per note oldest first. */
  forAppointments(appointmentIds: readonly string[]): Promise<NoteVersion[]>;
}

export interface ConsentStore {
  /** Every consent record is kept (given, withdrawn), newest last; the appointment carries the current one. */
  record(consent: ConsentRecord, recordedBy: string): Promise<void>;
  history(appointmentId: string): Promise<ConsentRecord[]>;
}

export type OpClaim =
  | { readonly state: 'new' }
  | { readonly state: 'done'; readonly result: StoredOpResult }
  | { readonly state: 'in_progress' }
  | { readonly state: 'foreign' };

/** Remembers every applied operation id, so each is applied at most once (across processes sharing the store). */
export interface OpLog {
  /** Claims `opId` for `userId`; a claim older than `staleAfterMs` that never finished may be taken over. */
  claim(opId: string, userId: string, staleAfterMs: number): Promise<OpClaim>;
  finish(opId: string, result: StoredOpResult): Promise<void>;
  /** Gives up a claim after a failure, so a retry can apply the op. */
  release(opId: string): Promise<void>;
}

export interface Account extends SessionUser {
  readonly username: string;
  readonly passwordHash: string;
}

export interface AccountStore {
  byUsername(username: string): Promise<Account | null>;
  byId(id: string): Promise<SessionUser | null>;
  upsert(account: Account): Promise<void>;
  /**
   * Makes the accounts from the config file exactly `accounts`: adds and updates them, and removes those that
   * came from the config earlier but are no longer in it (a deleted emergency account must stop working).
   */
  syncConfigured(accounts: readonly Account[]): Promise<void>;
  list(): Promise<SessionUser[]>;
}

export interface SessionStore {
  create(tokenHash: string, userId: string, expiresAtMs: number): Promise<void>;
  /** The user id of a session that has not expired. */
  lookup(tokenHash: string, nowMs: number): Promise<string | null>;
  remove(tokenHash: string): Promise<void>;
}

/**
 * Refresh credentials of built-in sign-ins, stored only as SHA-256 hashes. Each sign-in starts a family; every
 * refresh spends one credential and issues the next of the same family. A spent credential shown again means
 * it was copied: the whole family is revoked (the rotation-with-reuse-detection of OAuth 2.0 Security BCP §4.14).
 */
export interface RefreshTokenStore {
  create(token: { hash: string; userId: string; familyId: string; expiresAtMs: number; familyExpiresAtMs: number }): Promise<void>;
  /**
   * Spends a credential: `valid` once (then it is marked spent), `reused` when it was spent before (the family is
   * revoked here), null when unknown, expired or revoked.
   */
  spend(
    hash: string,
    nowMs: number,
  ): Promise<{ readonly state: 'valid'; readonly userId: string; readonly familyId: string; readonly familyExpiresAtMs: number } | { readonly state: 'reused'; readonly userId: string } | null>;
  /** Revokes the family of this credential (sign-out); unknown credentials are ignored. */
  revokeFamilyOf(hash: string): Promise<void>;
}

export interface AuditEntry {
  readonly at: string;
  readonly actorId: string | null;
  readonly actorRole: Role | null;
  readonly actorFachdienst: Fachdienst | null;
  readonly ip: string;
  /** What was attempted, e.g. `appointments.feed`, `ops.note.save`, `auth.login`. */
  readonly action: string;
  /** What it was attempted on (appointment id, username); never customer data. */
  readonly target: string | null;
  readonly outcome: 'denied';
  /** Why it was denied, a stable code such as `bps_restricted`, `role_it_support`, `bad_password`. */
  readonly reason: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest last. */
  list(limit: number): Promise<AuditEntry[]>;
}

export interface Repository {
  readonly appointments: AppointmentStore;
  readonly notes: NoteStore;
  readonly consents: ConsentStore;
  readonly ops: OpLog;
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly audit: AuditLog;
  close(): Promise<void>;
}
