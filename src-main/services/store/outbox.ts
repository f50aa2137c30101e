/**
 * The outbox: every local change as an operation with a client-generated id, written in the same transaction
 * as the change itself. The sync engine takes batches in order; once an operation has been handed out for
 * sending its payload is frozen, because the server may already have applied that id.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { Operation } from '../../../src-shared/http/sync-api.js';

interface OutboxRow {
  seq: number;
  op_id: string;
  payload: string;
  sent: number;
}

export class Outbox {
  private readonly insert;
  private readonly updateUnsent;
  private readonly selectPending;
  private readonly markSent;
  private readonly remove;
  private readonly markRejected;
  private readonly countByState;
  private readonly selectForAppointment;
  private readonly selectOne;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO outbox (op_id, type, appointment_id, payload, created_at) VALUES (?, ?, ?, ?, ?)');
    this.updateUnsent = db.prepare('UPDATE outbox SET payload = ? WHERE op_id = ? AND sent = 0');
    this.selectPending = db.prepare<[number], OutboxRow>("SELECT seq, op_id, payload, sent FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?");
    this.markSent = db.prepare('UPDATE outbox SET sent = 1, attempts = attempts + 1 WHERE op_id = ?');
    this.remove = db.prepare('DELETE FROM outbox WHERE op_id = ?');
    this.markRejected = db.prepare("UPDATE outbox SET state = 'rejected', last_error = ? WHERE op_id = ?");
    this.countByState = db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state');
    this.selectForAppointment = db.prepare<[string], OutboxRow>(
      "SELECT seq, op_id, payload, sent FROM outbox WHERE appointment_id = ? AND state = 'pending' ORDER BY seq",
    );
    this.selectOne = db.prepare<[string], OutboxRow>('SELECT seq, op_id, payload, sent FROM outbox WHERE op_id = ?');
  }

  enqueue(op: Operation, appointmentId: string, now: Date): void {
    this.insert.run(op.opId, op.type, appointmentId, JSON.stringify(Operation.parse(op)), now.toISOString());
  }

  /** Replaces the payload of an operation that has never left the machine; false if it already has. */
  replaceUnsent(op: Operation): boolean {
    return this.updateUnsent.run(JSON.stringify(Operation.parse(op)), op.opId).changes === 1;
  }

  isUnsent(opId: string): boolean {
    return this.selectOne.get(opId)?.sent === 0;
  }

  /** The oldest pending operations, marked as sent in the same transaction (committed before any byte leaves). */
  takeBatch(limit: number): Operation[] {
    return this.db.transaction(() => {
      const rows = this.selectPending.all(limit);
      for (const row of rows) this.markSent.run(row.op_id);
      return rows.map((row) => Operation.parse(JSON.parse(row.payload)));
    })();
  }

  complete(opId: string): void {
    this.remove.run(opId);
  }

  reject(opId: string, error: { code: string; message: string }): void {
    this.markRejected.run(JSON.stringify(error), opId);
  }

  pendingForAppointment(appointmentId: string): Operation[] {
    return this.selectForAppointment.all(appointmentId).map((row) => Operation.parse(JSON.parse(row.payload)));
  }

  counts(): { pending: number; rejected: number } {
    const counts = { pending: 0, rejected: 0 };
    for (const row of this.countByState.all()) {
      if (row.state === 'pending' || row.state === 'rejected') counts[row.state] = row.n;
    }
    return counts;
  }
}
