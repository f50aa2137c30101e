/**
 * Notes (Beratungsvermerke) with versions. Autosave edits the newest local version in place only while its
 * operation has never been sent; after that every save is a new version based on the one the user edited.
 * A version the server reports as conflicting is kept under the number the server gave it, next to the
 * competing version: nothing is ever overwritten by someone else's edit.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { NoteContent, NoteVersion } from '../../../src-shared/domain/note.js';
import type { OpResult } from '../../../src-shared/http/sync-api.js';
import type { LocalNoteVersion, NoteSyncState } from '../../../src-shared/ipc/features/local-data.js';
import type { z } from 'zod';
import type { Outbox } from './outbox.js';

interface NoteRow {
  row_id: number;
  note_id: string;
  appointment_id: string;
  version: number;
  base_version: number | null;
  conflict_of: number | null;
  content: string;
  health_data: number;
  author_id: string;
  saved_at: string;
  sync_state: NoteSyncState;
  op_id: string | null;
}

const toVersion = (row: NoteRow): LocalNoteVersion => ({
  noteId: row.note_id,
  appointmentId: row.appointment_id,
  version: row.version,
  baseVersion: row.base_version,
  content: JSON.parse(row.content) as NoteContent,
  healthData: row.health_data === 1,
  authorId: row.author_id,
  savedAt: row.saved_at,
  conflictOf: row.conflict_of,
  syncState: row.sync_state,
});

const domainVersion = ({ syncState: _syncState, ...version }: LocalNoteVersion): NoteVersion => version;

/** Whether `row` is a synced copy of exactly this server version (nothing to write). */
function sameAsServer(row: NoteRow, item: NoteVersion): boolean {
  return (
    row.sync_state === 'synced' &&
    row.appointment_id === item.appointmentId &&
    row.base_version === item.baseVersion &&
    row.conflict_of === item.conflictOf &&
    row.health_data === (item.healthData ? 1 : 0) &&
    row.author_id === item.authorId &&
    row.saved_at === item.savedAt &&
    // Compared as values: key order in the stored JSON depends on who wrote it (autosave or feed).
    isDeepStrictEqual(JSON.parse(row.content), item.content)
  );
}

/** One saved version as the window's note states need it. */
export interface WindowVersion {
  readonly content: NoteContent;
  readonly conflict: boolean;
  readonly pending: boolean;
}

export class NoteMismatchError extends Error {
  override readonly name = 'NoteMismatchError';
  constructor() {
    super('Diese Notiz gehört zu einem anderen Termin. Bitte öffnen Sie die Notiz über ihren eigenen Termin.');
  }
}

export interface SaveNoteInput {
  readonly noteId: string;
  readonly appointmentId: string;
  readonly content: NoteContent;
  readonly healthData: boolean;
  readonly authorId: string;
}

export class Notes {
  private readonly selectHead;
  private readonly selectByNoteVersion;
  private readonly selectByOp;
  private readonly maxVersion;
  private readonly insert;
  private readonly updateInPlace;
  private readonly setVersion;
  private readonly setState;
  private readonly deleteRow;
  private readonly selectForAppointment;
  private readonly updateFromServer;
  private readonly selectOwnPending;
  private readonly selectInWindow;

  constructor(
    db: Database.Database,
    private readonly outbox: Outbox,
  ) {
    this.selectHead = db.prepare<[string], NoteRow>('SELECT * FROM note_versions WHERE note_id = ? ORDER BY version DESC LIMIT 1');
    this.selectByNoteVersion = db.prepare<[string, number], NoteRow>('SELECT * FROM note_versions WHERE note_id = ? AND version = ?');
    this.selectByOp = db.prepare<[string], NoteRow>('SELECT * FROM note_versions WHERE op_id = ?');
    this.maxVersion = db.prepare<[string], number>('SELECT coalesce(max(version), 0) FROM note_versions WHERE note_id = ?').pluck();
    this.insert = db.prepare(
      `INSERT INTO note_versions (note_id, appointment_id, version, base_version, conflict_of, content, health_data,
         author_id, saved_at, sync_state, op_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateInPlace = db.prepare('UPDATE note_versions SET content = ?, saved_at = ? WHERE row_id = ?');
    this.setVersion = db.prepare('UPDATE note_versions SET version = ?, conflict_of = ? WHERE row_id = ?');
    this.setState = db.prepare('UPDATE note_versions SET sync_state = ? WHERE row_id = ?');
    this.deleteRow = db.prepare('DELETE FROM note_versions WHERE row_id = ?');
    this.selectForAppointment = db.prepare<[string], NoteRow>(
      'SELECT * FROM note_versions WHERE appointment_id = ? ORDER BY note_id, version',
    );
    this.selectInWindow = db.prepare<[string, string], Pick<NoteRow, 'appointment_id' | 'content' | 'conflict_of' | 'sync_state'>>(
      `SELECT v.appointment_id, v.content, v.conflict_of, v.sync_state
         FROM note_versions v JOIN appointments a ON a.id = v.appointment_id
        WHERE a.start_day BETWEEN ? AND ?`,
    );
    this.selectOwnPending = db.prepare<[string, string, string], NoteRow>(
      "SELECT * FROM note_versions WHERE note_id = ? AND saved_at = ? AND author_id = ? AND sync_state = 'pending'",
    );
    this.updateFromServer = db.prepare(
      `UPDATE note_versions SET base_version = ?, conflict_of = ?, content = ?, health_data = ?, author_id = ?,
         saved_at = ?, sync_state = 'synced' WHERE row_id = ?`,
    );
  }

  /** Autosave. Runs inside the caller's transaction, together with the outbox write. */
  save(input: SaveNoteInput, now: Date): LocalNoteVersion {
    const head = this.selectHead.get(input.noteId);
    if (head && head.appointment_id !== input.appointmentId) throw new NoteMismatchError();
    const content = JSON.stringify(input.content);
    const savedAt = now.toISOString();

    if (head && head.sync_state === 'pending' && head.op_id && this.outbox.isUnsent(head.op_id)) {
      this.updateInPlace.run(content, savedAt, head.row_id);
      const updated = toVersion({ ...head, content, saved_at: savedAt });
      this.outbox.replaceUnsent({ opId: head.op_id, type: 'note.save', note: domainVersion(updated) });
      return updated;
    }

    const opId = randomUUID();
    const version = this.maxVersion.get(input.noteId)! + 1;
    const row: NoteRow = {
      row_id: 0,
      note_id: input.noteId,
      appointment_id: input.appointmentId,
      version,
      base_version: head?.version ?? null,
      conflict_of: null,
      content,
      health_data: input.healthData ? 1 : 0,
      author_id: input.authorId,
      saved_at: savedAt,
      sync_state: 'pending',
      op_id: opId,
    };
    this.insert.run(row.note_id, row.appointment_id, row.version, row.base_version, null, content, row.health_data, row.author_id, savedAt, 'pending', opId);
    const saved = toVersion(row);
    this.outbox.enqueue({ opId, type: 'note.save', note: domainVersion(saved) }, input.appointmentId, now);
    return saved;
  }

  /**
   * Makes room for `version` of a note: a pending local version holding the number moves up (the server will
   * number it anyway); a synced row holding it is an echo of the row being placed and is dropped.
   */
  private vacate(noteId: string, version: number, forRowId: number): void {
    const occupant = this.selectByNoteVersion.get(noteId, version);
    if (!occupant || occupant.row_id === forRowId) return;
    if (occupant.sync_state === 'synced') this.deleteRow.run(occupant.row_id);
    else this.setVersion.run(this.maxVersion.get(noteId)! + 1, occupant.conflict_of, occupant.row_id);
  }

  /** The server's answer to a note.save operation. Runs inside the caller's transaction. */
  applyResult(result: z.infer<typeof OpResult>): void {
    const row = this.selectByOp.get(result.opId);
    if (!row) return;
    if (result.outcome === 'rejected') {
      this.setState.run('rejected', row.row_id);
      return;
    }
    const serverVersion = result.serverVersion ?? row.version;
    // The server appends a conflicting edit right after the head it competed with; the engine then fetches the
    // appointment's versions, which carry the server's own conflictOf.
    this.vacate(row.note_id, serverVersion, row.row_id);
    const conflictOf = result.outcome === 'conflict' ? Math.max(1, serverVersion - 1) : row.conflict_of;
    this.setVersion.run(serverVersion, conflictOf, row.row_id);
    this.setState.run('synced', row.row_id);
  }

  /**
   * Versions pulled from the server (the appointment feed, someone else's edits, the competing side of a
   * conflict). A version already held exactly as the server has it is left alone, so a snapshot of the window
   * writes nothing for the thousands of notes the laptop already has. Returns the appointments whose notes changed.
   */
  applyFeed(items: readonly NoteVersion[]): Set<string> {
    const changed = new Set<string>();
    for (const item of items) {
      const existing = this.selectByNoteVersion.get(item.noteId, item.version);
      // Our own version, applied by the server while its answer got lost: same author and save time.
      const own = this.selectOwnPending.get(item.noteId, item.savedAt, item.authorId);
      if (!own && existing && sameAsServer(existing, item)) continue;
      changed.add(item.appointmentId);
      const target = own ?? (existing && existing.sync_state === 'synced' ? existing : undefined);
      if (target) {
        this.vacate(item.noteId, item.version, target.row_id);
        this.setVersion.run(item.version, item.conflictOf, target.row_id);
        this.updateFromServer.run(item.baseVersion, item.conflictOf, JSON.stringify(item.content), item.healthData ? 1 : 0, item.authorId, item.savedAt, target.row_id);
        continue;
      }
      this.vacate(item.noteId, item.version, -1);
      this.insert.run(item.noteId, item.appointmentId, item.version, item.baseVersion, item.conflictOf, JSON.stringify(item.content), item.healthData ? 1 : 0, item.authorId, item.savedAt, 'synced', null);
    }
    return changed;
  }

  forAppointment(appointmentId: string): LocalNoteVersion[] {
    return this.selectForAppointment.all(appointmentId).map(toVersion);
  }

  /** The versions of the notes of the appointments starting on the days `from`..`to`, by appointment. */
  versionsInWindow(from: string, to: string): Map<string, WindowVersion[]> {
    const byAppointment = new Map<string, WindowVersion[]>();
    for (const row of this.selectInWindow.iterate(from, to)) {
      const version: WindowVersion = {
        // Parsed only when the note rule looks inside: one complete version settles an appointment.
        get content() {
          return JSON.parse(row.content) as NoteContent;
        },
        conflict: row.conflict_of !== null,
        pending: row.sync_state !== 'synced',
      };
      const list = byAppointment.get(row.appointment_id);
      if (list) list.push(version);
      else byAppointment.set(row.appointment_id, [version]);
    }
    return byAppointment;
  }
}
