/**
 * The audit log of security events (unlock, lock, wipe, export, purge, sign-in). Detail is restricted by type
 * to numbers, booleans and the storage mode: no free text can carry customer content into it.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { StorageMode } from '../../../src-shared/store/status.js';

export type AuditEvent = 'created' | 'unlock' | 'unlock_failed' | 'lock' | 'auto_lock' | 'wipe' | 'export' | 'purge' | 'sign_in' | 'sign_out';
export type AuditDetail = Readonly<Record<string, number | boolean | StorageMode>>;

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly event: AuditEvent;
  readonly detail: AuditDetail;
}

export class AuditLog {
  private readonly insert;
  private readonly selectRecent;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit_log (at, event, detail) VALUES (?, ?, ?)');
    this.selectRecent = db.prepare<[number], { id: number; at: string; event: AuditEvent; detail: string }>(
      'SELECT id, at, event, detail FROM audit_log ORDER BY id DESC LIMIT ?',
    );
  }

  append(event: AuditEvent, at: Date, detail: AuditDetail = {}): void {
    this.insert.run(at.toISOString(), event, JSON.stringify(detail));
  }

  /** Newest first. */
  recent(limit = 200): AuditEntry[] {
    return this.selectRecent.all(limit).map((row) => ({ ...row, detail: JSON.parse(row.detail) as AuditDetail }));
  }
}
