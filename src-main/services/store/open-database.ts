/**
 * Opens the encrypted database with SQLite3MultipleCiphers.
 *
 * Cipher: `chacha20` (SQLite3MC's default: ChaCha20 with a Poly1305 tag per page, so tampering is detected like
 * with SQLCipher's HMAC). We measured SQLCipher 4 (AES-256-CBC + HMAC-SHA512) first: in the calendar-insert
 * workload of `npm run bench:store` it needed ~1.3× the CPU of ChaCha20 and missed the target of half the plain
 * throughput; ChaCha20 is also fast in software on laptops without AES instructions. The price: the file opens
 * in SQLite3MC's tools, not in the SQLCipher CLI. Every page is encrypted before it is written to the database
 * or the WAL.
 *
 * The key is applied raw (`x'…'`, 32 bytes), so there is no KDF run on open (0.2 ms instead of ~30 ms with
 * SQLite3MC's PBKDF2); the randomness comes from the keychain or the scrypt-wrapped key file (secrets service).
 */
import { createHmac } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { CorruptDatabaseError, translateSqliteError, TruncatedDatabaseError, WrongKeyError } from './errors.js';
import { migrate } from './migrate.js';
import { sqliteNativeBinding } from './native-binding.js';
import type { Migration } from './migrations/index.js';

/** The page size of new databases; every valid main database file is a whole number of pages. */
export const PAGE_SIZE = 4096;
const KEY_CHECK_LABEL = 'beratungsraum local-store key check v1';

/**
 * A value that tells "wrong key" from "damaged file" when SQLite can only say "file is not a database":
 * it is stored in the plain manifest when the database is created. HMAC with a 256-bit random key reveals
 * nothing about the key.
 */
export const keyCheckOf = (key: Uint8Array): string => createHmac('sha256', key).update(KEY_CHECK_LABEL).digest('hex');

export interface OpenOptions {
  /** Create the file if it does not exist (first set-up only). */
  readonly create: boolean;
  /** The key check recorded at creation; used only to name the error when opening fails. */
  readonly expectedKeyCheck: string | null;
  readonly migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly schemaVersion: number;
}

/** Selects the cipher and applies the raw key; nothing is read or written yet. */
export function keyConnection(db: Database.Database, key: Uint8Array): void {
  db.pragma(`cipher = 'chacha20'`);
  // The hex string lives briefly in the JS heap; V8 strings cannot be wiped, the Buffer the caller holds can.
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
}

/**
 * The connection settings of the store (also applied to the plain baseline of `npm run bench:store`).
 */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: each commit is fsynced to the WAL before it returns, so a saved note survives a dead battery.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Sorts and temporary tables stay in memory: SQLite's temp files would not be covered by the page cipher.
  db.pragma('temp_store = MEMORY');
  // 32 MiB of decrypted pages: every page read from disk costs an AES + HMAC pass, so the calendar and its
  // indexes should stay in the cache while the store is unlocked (they are dropped with the connection on lock).
  db.pragma('cache_size = -32768');
  // Checkpoint every ~40 MiB of WAL instead of every 4 MiB: each checkpoint re-encrypts the pages it copies, and
  // hot index pages would otherwise be copied again and again. Lock and close checkpoint fully (local-data.ts).
  db.pragma('wal_autocheckpoint = 10000');
}

export function openEncryptedDatabase(file: string, key: Uint8Array, options: OpenOptions): OpenedDatabase {
  if (key.length !== 32) throw new Error('Der Datenbankschlüssel muss 32 Bytes lang sein.');
  const exists = existsSync(file);
  if (exists) {
    const { size } = statSync(file);
    // A fresh database keyed but not yet written is 0 bytes; anything else must be whole pages.
    if (size % PAGE_SIZE !== 0 || (size === 0 && !options.create)) throw new TruncatedDatabaseError(size);
  } else if (!options.create) {
    throw new CorruptDatabaseError('Datei fehlt');
  }

  const db = new Database(file, { fileMustExist: !options.create, nativeBinding: sqliteNativeBinding() });
  try {
    keyConnection(db, key);
    // The first read decrypts page 1: a wrong key fails here, before anything could be written to the file.
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
        const matches = options.expectedKeyCheck !== null && options.expectedKeyCheck === keyCheckOf(key);
        throw matches ? new CorruptDatabaseError('Kopfseite nicht lesbar') : new WrongKeyError();
      }
      throw error;
    }
    configureConnection(db);
    const schemaVersion = migrate(db, options.migrations);
    return { db, schemaVersion };
  } catch (error) {
    db.close();
    throw translateSqliteError(error);
  }
}
