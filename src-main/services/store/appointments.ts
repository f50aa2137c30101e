/**
 * The local appointment cache: what the server's feed delivered for the counsellor's window of days, with
 * pending local changes (status, channel, consent) laid over it until the server has them.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { Operation } from '../../../src-shared/http/sync-api.js';
import type { Outbox } from './outbox.js';

/** Applies a not-yet-delivered local operation to an appointment; notes do not change the appointment. */
export function overlay(appointment: Appointment, op: Operation): Appointment {
  switch (op.type) {
    case 'appointment.status':
      return { ...appointment, status: op.status };
    case 'appointment.channel':
      return { ...appointment, channel: op.channel };
    case 'consent.record':
      return { ...appointment, consent: op.consent };
    case 'note.save':
      return appointment;
  }
}

export class Appointments {
  private readonly upsert;
  private readonly remove;
  private readonly selectRange;
  private readonly selectOne;
  private readonly selectIdsInRange;

  constructor(
    private readonly db: Database.Database,
    private readonly outbox: Outbox,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO appointments (id, start_day, start_at, end_at, revision, body) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET start_day = excluded.start_day, start_at = excluded.start_at,
         end_at = excluded.end_at, revision = excluded.revision, body = excluded.body`,
    );
    this.remove = db.prepare('DELETE FROM appointments WHERE id = ?');
    this.selectRange = db.prepare<[string, string], { body: string }>(
      'SELECT body FROM appointments WHERE start_day BETWEEN ? AND ? ORDER BY start_at, id',
    );
    this.selectOne = db.prepare<[string], { body: string }>('SELECT body FROM appointments WHERE id = ?');
    this.selectIdsInRange = db.prepare<[string, string], { id: string }>('SELECT id FROM appointments WHERE start_day BETWEEN ? AND ?');
  }

  /**
   * Writes one appointment as given (the caller has applied any local change). Its input was validated at the
   * boundary it came through (the feed by the API client, changes by the IPC router), so no second parse here.
   */
  put(appointment: Appointment): void {
    this.upsert.run(appointment.id, appointment.start.slice(0, 10), appointment.start, appointment.end, appointment.revision, JSON.stringify(appointment));
  }

  /**
   * Applies one reply of the server feed; local changes still in the outbox stay visible on top of it.
   * `snapshotOf` marks a full snapshot of that window (the server's `reset`): cached appointments of the window
   * that it no longer contains are dropped, unless a local change for them is still waiting to be sent.
   */
  applyFeed(items: readonly Appointment[], removed: readonly string[], snapshotOf?: { from: string; to: string }): void {
    this.db.transaction(() => {
      if (snapshotOf) {
        const keep = new Set(items.map((item) => item.id));
        for (const { id } of this.selectIdsInRange.all(snapshotOf.from, snapshotOf.to)) {
          if (!keep.has(id) && this.outbox.pendingForAppointment(id).length === 0) this.remove.run(id);
        }
      }
      for (const item of items) {
        const pending = this.outbox.pendingForAppointment(item.id);
        this.put(pending.reduce(overlay, item));
      }
      for (const id of removed) this.remove.run(id);
    })();
  }

  /** Appointments starting on the calendar days `from`..`to` (inclusive). */
  range(from: string, to: string): Appointment[] {
    return this.selectRange.all(from, to).map((row) => JSON.parse(row.body) as Appointment);
  }

  get(id: string): Appointment | null {
    const row = this.selectOne.get(id);
    return row ? (JSON.parse(row.body) as Appointment) : null;
  }
}
