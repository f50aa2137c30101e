/**
 * The open, unlocked store: one encrypted SQLite connection and the repositories on it. Only this service
 * touches the database. Every write that must reach the server goes into the outbox in the same transaction,
 * so a crash can never leave a change without its operation or the other way round.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Appointment, AppointmentStatus, Channel, ConsentRecord } from '../../../src-shared/domain/appointment.js';
import type { NoteContent, NoteVersion } from '../../../src-shared/domain/note.js';
import type { Operation, OpsReply } from '../../../src-shared/http/sync-api.js';
import type { AppointmentNoteState, LocalNoteVersion } from '../../../src-shared/ipc/features/local-data.js';
import { noteState, requiresNote } from '../../../src-shared/rules/note-requirement.js';
import { isHealthData } from '../../../src-shared/rules/visibility.js';
import { Appointments } from './appointments.js';
import { AuditLog, type AuditDetail, type AuditEntry, type AuditEvent } from './audit-log.js';
import { AppointmentNotCachedError, translateSqliteError } from './errors.js';
import { Notes } from './notes.js';
import { openEncryptedDatabase, type OpenOptions } from './open-database.js';
import { Outbox } from './outbox.js';
import { purgeExpired, type PurgeResult } from './retention.js';

/** Meta key: id of the user who last signed in to the server (the author of notes written on this laptop). */
export const META_SIGNED_IN_USER = 'session.userId';

export type ChannelChangeReason = Extract<Operation, { type: 'appointment.channel' }>['reason'];

export class LocalStore {
  private readonly appointments: Appointments;
  private readonly notes: Notes;
  private readonly outbox: Outbox;
  private readonly auditLog: AuditLog;
  private readonly getMeta;
  private readonly putMeta;

  private constructor(
    private readonly db: Database.Database,
    readonly schemaVersion: number,
  ) {
    this.outbox = new Outbox(db);
    this.appointments = new Appointments(db, this.outbox);
    this.notes = new Notes(db, this.outbox);
    this.auditLog = new AuditLog(db);
    this.getMeta = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
    this.putMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  static open(file: string, key: Uint8Array, options: OpenOptions): LocalStore {
    const { db, schemaVersion } = openEncryptedDatabase(file, key, options);
    return new LocalStore(db, schemaVersion);
  }

  /** Runs `work`, turning SQLite's disk-full and corruption codes into the named errors. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  private inTransaction<T>(work: () => T): T {
    return this.guard(() => this.db.transaction(work).immediate());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- appointments -------------------------------------------------------------------------------------------

  appointmentsInRange(from: string, to: string): Appointment[] {
    return this.guard(() => this.appointments.range(from, to));
  }

  appointment(id: string): Appointment {
    const found = this.guard(() => this.appointments.get(id));
    if (!found) throw new AppointmentNotCachedError();
    return found;
  }

  /**
   * Applies one reply of the appointment feed — appointments and the notes it carries — in one transaction, so
   * a crash never leaves the cursor's appointments without their notes. Returns the appointments whose notes
   * changed (unchanged versions are not rewritten).
   */
  applyAppointmentFeed(
    items: readonly Appointment[],
    removed: readonly string[],
    snapshotOf?: { from: string; to: string },
    notes: readonly NoteVersion[] = [],
  ): string[] {
    return this.inTransaction(() => {
      this.appointments.applyFeed(items, removed, snapshotOf);
      return [...this.notes.applyFeed(notes)];
    });
  }

  private changeAppointment(id: string, now: Date, makeOp: (opId: string) => Operation, change: (a: Appointment) => Appointment): Appointment {
    return this.inTransaction(() => {
      const current = this.appointment(id);
      const next = change(current);
      this.appointments.put(next);
      this.outbox.enqueue(makeOp(randomUUID()), id, now);
      return next;
    });
  }

  setAppointmentStatus(id: string, status: AppointmentStatus, now: Date): Appointment {
    return this.changeAppointment(
      id,
      now,
      (opId) => ({ opId, type: 'appointment.status', appointmentId: id, status, at: now.toISOString() }),
      (a) => ({ ...a, status }),
    );
  }

  setAppointmentChannel(id: string, channel: Channel, reason: ChannelChangeReason, now: Date): Appointment {
    return this.changeAppointment(
      id,
      now,
      (opId) => ({ opId, type: 'appointment.channel', appointmentId: id, channel, reason, at: now.toISOString() }),
      (a) => ({ ...a, channel }),
    );
  }

  /** Consent (or its withdrawal) is kept as a record of its own and on the appointment. */
  recordConsent(consent: ConsentRecord, now: Date): Appointment {
    return this.changeAppointment(
      consent.appointmentId,
      now,
      (opId) => ({ opId, type: 'consent.record', consent }),
      (a) => {
        this.db
          .prepare('INSERT INTO consent_records (appointment_id, given_at, via, text_version, withdrawn_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(consent.appointmentId, consent.givenAt, consent.via, consent.textVersion, consent.withdrawnAt, now.toISOString());
        return { ...a, consent };
      },
    );
  }

  consentHistory(appointmentId: string): (ConsentRecord & { recordedAt: string })[] {
    return this.guard(() =>
      this.db
        .prepare<[string], { appointment_id: string; given_at: string; via: ConsentRecord['via']; text_version: string; withdrawn_at: string | null; recorded_at: string }>(
          'SELECT * FROM consent_records WHERE appointment_id = ? ORDER BY id',
        )
        .all(appointmentId)
        .map((row) => ({
          appointmentId: row.appointment_id,
          givenAt: row.given_at,
          via: row.via,
          textVersion: row.text_version,
          withdrawnAt: row.withdrawn_at,
          recordedAt: row.recorded_at,
        })),
    );
  }

  // --- notes --------------------------------------------------------------------------------------------------

  /**
   * Autosave: returns after the transaction (note + outbox) is committed with synchronous=FULL.
   * Notes of health-data appointments (BPS, and the BPS assessment of any Fachdienst) are marked; the author is the last signed-in user (the appointment's counsellor
   * before any sign-in; the server sets the author from the session anyway).
   */
  saveNote(input: { noteId: string; appointmentId: string; content: NoteContent }, now: Date): LocalNoteVersion {
    return this.inTransaction(() => {
      const appointment = this.appointment(input.appointmentId);
      return this.notes.save(
        { ...input, healthData: isHealthData(appointment), authorId: this.getMeta.get(META_SIGNED_IN_USER) ?? appointment.counsellorId },
        now,
      );
    });
  }

  notesForAppointment(appointmentId: string): LocalNoteVersion[] {
    return this.guard(() => this.notes.forAppointment(appointmentId));
  }

  /** Every appointment of the window that needs a note or has one, with its note state (one consistent read). */
  noteStates(from: string, to: string): AppointmentNoteState[] {
    return this.guard(() =>
      this.db.transaction(() => {
        const versions = this.notes.versionsInWindow(from, to);
        return this.appointments.range(from, to).flatMap((appointment): AppointmentNoteState[] => {
          const own = versions.get(appointment.id) ?? [];
          // A reader without the notes (team lead) has the server's state; with notes at hand, they decide.
          const known = own.length === 0 ? appointment.noteState : undefined;
          if (own.length === 0 && !requiresNote(appointment) && known !== 'written') return [];
          return [
            {
              appointmentId: appointment.id,
              state: known ?? noteState(appointment, own),
              versionCount: own.length,
              hasConflict: own.some((version) => version.conflict),
              pending: own.some((version) => version.pending),
            },
          ];
        });
      })(),
    );
  }

  /** Returns the appointments whose notes changed. */
  applyNoteFeed(items: readonly NoteVersion[]): string[] {
    return this.inTransaction(() => [...this.notes.applyFeed(items)]);
  }

  // --- outbox -------------------------------------------------------------------------------------------------

  takeOutboxBatch(limit: number): Operation[] {
    return this.guard(() => this.outbox.takeBatch(limit));
  }

  applyOpResults(results: OpsReply['results']): void {
    this.inTransaction(() => {
      for (const result of results) {
        this.notes.applyResult(result);
        if (result.outcome === 'rejected') {
          this.outbox.reject(result.opId, result.error ?? { code: 'rejected', message: 'Vom Server abgelehnt.' });
        } else {
          this.outbox.complete(result.opId);
        }
      }
    });
  }

  outboxCounts(): { pending: number; rejected: number } {
    return this.guard(() => this.outbox.counts());
  }

  // --- meta, audit, device checks, retention ------------------------------------------------------------------

  meta(key: string): string | null {
    return this.guard(() => this.getMeta.get(key) ?? null);
  }

  setMeta(key: string, value: string): void {
    this.guard(() => this.putMeta.run(key, value));
  }

  audit(event: AuditEvent, at: Date, detail?: AuditDetail): void {
    this.guard(() => this.auditLog.append(event, at, detail));
  }

  auditEntries(limit?: number): AuditEntry[] {
    return this.guard(() => this.auditLog.recent(limit));
  }

  /** Reports of the device readiness check (JSON validated by its owner before it gets here). */
  addDeviceCheckReport(id: string, report: unknown, at: Date): void {
    this.guard(() =>
      this.db.prepare('INSERT INTO device_check_reports (id, created_at, report) VALUES (?, ?, ?)').run(id, at.toISOString(), JSON.stringify(report)),
    );
  }

  deviceCheckReports(limit = 50): { id: string; createdAt: string; report: unknown }[] {
    return this.guard(() =>
      this.db
        .prepare<[number], { id: string; created_at: string; report: string }>('SELECT * FROM device_check_reports ORDER BY created_at DESC LIMIT ?')
        .all(limit)
        .map((row) => ({ id: row.id, createdAt: row.created_at, report: JSON.parse(row.report) as unknown })),
    );
  }

  purge(now: Date, retentionDays: number): PurgeResult {
    return this.guard(() => purgeExpired(this.db, now, retentionDays));
  }

  /** `PRAGMA integrity_check`; "ok" when the file is sound. */
  integrityCheck(): string {
    return this.guard(() => (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; '));
  }

  /** Copies the WAL into the main file; used before a lock so the -wal holds as little as possible. */
  checkpoint(): void {
    this.guard(() => this.db.pragma('wal_checkpoint(TRUNCATE)'));
  }
}
