/**
 * Named failures of the local store. Each carries a `code` from src-shared (the renderer picks its text and
 * action by it) and a German message that a counsellor or IT support can act on. None of them ever leads to
 * the encrypted file being deleted or overwritten: recovery is a human decision (IT-support wipe).
 */
import type { StoreErrorCode } from '../../../src-shared/store/status.js';

export abstract class StoreError extends Error {
  abstract readonly code: StoreErrorCode;
}

export class WrongKeyError extends StoreError {
  override readonly name = 'WrongKeyError';
  readonly code = 'WRONG_KEY' as const;
  constructor() {
    super(
      'Die lokale Datenbank lässt sich mit dem gespeicherten Schlüssel nicht öffnen. Die Datei bleibt unverändert. ' +
        'Bitte wenden Sie sich an den IT-Support (Schlüsselbund dieses Benutzerkontos prüfen).',
    );
  }
}

export class CorruptDatabaseError extends StoreError {
  override readonly name = 'CorruptDatabaseError';
  readonly code = 'DATABASE_CORRUPT' as const;
  constructor(detail: string) {
    super(
      `Die lokale Datenbank ist beschädigt (${detail}). Die Datei bleibt für die Datenrettung unverändert erhalten. ` +
        'Bitte wenden Sie sich an den IT-Support; bereits synchronisierte Daten liegen zusätzlich auf dem Server.',
    );
  }
}

export class TruncatedDatabaseError extends StoreError {
  override readonly name = 'TruncatedDatabaseError';
  readonly code = 'DATABASE_TRUNCATED' as const;
  constructor(bytes: number) {
    super(
      `Die lokale Datenbank ist unvollständig (${bytes} Bytes, kein Vielfaches der Seitengröße), z. B. nach einer ` +
        'abgebrochenen Kopie. Die Datei bleibt unverändert. Bitte wenden Sie sich an den IT-Support.',
    );
  }
}

export class DiskFullError extends StoreError {
  override readonly name = 'DiskFullError';
  readonly code = 'DISK_FULL' as const;
  constructor() {
    super(
      'Der Datenträger ist voll: Die letzte Änderung wurde NICHT gespeichert, alle früheren Daten sind unverändert. ' +
        'Bitte geben Sie Speicherplatz frei und speichern Sie erneut.',
    );
  }
}

export class DatabaseFromTheFutureError extends StoreError {
  override readonly name = 'DatabaseFromTheFutureError';
  readonly code = 'DATABASE_FROM_THE_FUTURE' as const;
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `Die lokale Datenbank stammt von einer neueren Beratungsraum-Version (Schema ${found}, diese Version kennt bis ${supported}). ` +
        'Bitte installieren Sie die aktuelle Version; die Datei bleibt unverändert.',
    );
  }
}

export class MigrationFailedError extends StoreError {
  override readonly name = 'MigrationFailedError';
  readonly code = 'MIGRATION_FAILED' as const;
  constructor(version: number, detail: string) {
    super(
      `Die Aktualisierung der lokalen Datenbank auf Schema ${version} ist fehlgeschlagen (${detail}). Es wurde nichts ` +
        'geändert. Bitte wenden Sie sich an den IT-Support.',
    );
  }
}

export class StoreLockedError extends StoreError {
  override readonly name = 'StoreLockedError';
  readonly code = 'STORE_LOCKED' as const;
  constructor() {
    super('Die lokalen Daten sind gesperrt. Bitte entsperren Sie den Beratungsraum.');
  }
}

export class AppointmentNotCachedError extends StoreError {
  override readonly name = 'AppointmentNotCachedError';
  readonly code = 'APPOINTMENT_NOT_CACHED' as const;
  constructor() {
    super('Dieser Termin ist auf diesem Gerät nicht vorhanden. Bitte synchronisieren Sie den Kalender und versuchen Sie es erneut.');
  }
}

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

/** Maps SQLite result codes that mean "the file or the disk" to the named errors; anything else passes through. */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as SqliteLikeError | null)?.code;
  if (typeof code !== 'string') return error;
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' && /ENOSPC|full/i.test(String((error as SqliteLikeError).message))) {
    return new DiskFullError();
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new CorruptDatabaseError(String((error as SqliteLikeError).message ?? code));
  }
  return error;
}
