/**
 * Retention: what is older than the policy's number of days and safely on the server is removed from the
 * laptop. A note goes only when every version of it is synced; an appointment only when it has ended, has no
 * pending change and no note left. Pending or rejected data is never purged: it exists nowhere else.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface PurgeResult {
  readonly notes: number;
  readonly noteVersions: number;
  readonly appointments: number;
  readonly deviceCheckReports: number;
}

export function purgeExpired(db: Database.Database, now: Date, retentionDays: number): PurgeResult {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return db.transaction((): PurgeResult => {
    const expiredNotes = db
      .prepare<[{ cutoff: string }], string>(
        `SELECT v.note_id FROM note_versions v LEFT JOIN appointments a ON a.id = v.appointment_id
          GROUP BY v.note_id
         HAVING sum(v.sync_state <> 'synced') = 0
            AND julianday(max(v.saved_at)) < julianday(@cutoff)
            AND (max(a.end_at) IS NULL OR julianday(max(a.end_at)) < julianday(@cutoff))`,
      )
      .pluck()
      .all({ cutoff });
    const deleteNote = db.prepare('DELETE FROM note_versions WHERE note_id = ?');
    let noteVersions = 0;
    for (const noteId of expiredNotes) noteVersions += deleteNote.run(noteId).changes;

    const appointmentIds = db
      .prepare<[string], string>(
        `SELECT a.id FROM appointments a
          WHERE julianday(a.end_at) < julianday(?)
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.appointment_id = a.id)
            AND NOT EXISTS (SELECT 1 FROM note_versions v WHERE v.appointment_id = a.id)`,
      )
      .pluck()
      .all(cutoff);
    const deleteAppointment = db.prepare('DELETE FROM appointments WHERE id = ?');
    const deleteConsents = db.prepare('DELETE FROM consent_records WHERE appointment_id = ?');
    for (const id of appointmentIds) {
      deleteAppointment.run(id);
      deleteConsents.run(id);
    }
    const deviceCheckReports = db.prepare('DELETE FROM device_check_reports WHERE julianday(created_at) < julianday(?)').run(cutoff).changes;
    return { notes: expiredNotes.length, noteVersions, appointments: appointmentIds.length, deviceCheckReports };
  })();
}
