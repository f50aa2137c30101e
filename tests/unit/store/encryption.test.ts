/**
 * The database and its WAL never hold customer content in readable form, and every way the file can be
 * unreadable fails with a named error while leaving the file exactly as it was.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PlainDatabase from 'better-sqlite3';
import EncryptedDatabase from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CorruptDatabaseError,
  DatabaseFromTheFutureError,
  TruncatedDatabaseError,
  WrongKeyError,
} from '../../../src-main/services/store/errors.js';
import { LocalStore } from '../../../src-main/services/store/local-store.js';
import { keyCheckOf, keyConnection, PAGE_SIZE } from '../../../src-main/services/store/open-database.js';
import { appointment, newKey, noteContent } from './fixtures.js';

const MARKERS = ['MARKER-Depression-7f3a', 'MARKER-Schuldnerberatung-91c2', 'MARKER-Mustermann-Erika-55d0', 'MARKER-Suchterkrankung-0b8e'];

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'br-store-'));
  file = join(dir, 'test.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const contains = (path: string, marker: string): boolean => existsSync(path) && readFileSync(path).includes(Buffer.from(marker, 'utf8'));

function fillWithMarkers(store: LocalStore): string {
  const a = appointment({ customer: { customerNumber: '999X111111', displayName: MARKERS[2]!, pseudonym: 'K-9' } });
  store.applyAppointmentFeed([a], []);
  for (let i = 0; i < 200; i++) {
    store.saveNote({ noteId: randomUUID(), appointmentId: a.id, content: noteContent(`${MARKERS[i % MARKERS.length]} Eintrag ${i}`) }, new Date());
  }
  return a.id;
}

describe('encryption at rest', () => {
  it('keeps marker strings out of the raw bytes of the database and of its -wal', () => {
    const store = LocalStore.open(file, newKey(), { create: true, expectedKeyCheck: null });
    fillWithMarkers(store);
    // While open, the recent commits live in the -wal: check it before anything is checkpointed.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    for (const marker of MARKERS) {
      expect(contains(`${file}-wal`, marker), `${marker} in -wal`).toBe(false);
      expect(contains(file, marker), `${marker} in db`).toBe(false);
    }
    store.checkpoint();
    store.close();
    for (const marker of MARKERS) expect(contains(file, marker), `${marker} in db after checkpoint`).toBe(false);
  });

  it('the same grep finds the markers in a plain SQLite file (the check can fail)', () => {
    const db = new PlainDatabase(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x TEXT)');
    for (const marker of MARKERS) db.prepare('INSERT INTO t VALUES (?)').run(marker);
    expect(MARKERS.every((marker) => contains(`${file}-wal`, marker))).toBe(true);
    db.close();
  });

  it('refuses a wrong key with WrongKeyError and leaves the file byte-for-byte unchanged', () => {
    const key = newKey();
    const store = LocalStore.open(file, key, { create: true, expectedKeyCheck: null });
    fillWithMarkers(store);
    store.close();
    const before = sha256(file);
    expect(() => LocalStore.open(file, newKey(), { create: false, expectedKeyCheck: keyCheckOf(key) })).toThrow(WrongKeyError);
    // Without a recorded key check the failure is still named, not a bare SQLite error.
    expect(() => LocalStore.open(file, newKey(), { create: false, expectedKeyCheck: null })).toThrow(WrongKeyError);
    expect(sha256(file)).toBe(before);
    const reopened = LocalStore.open(file, key, { create: false, expectedKeyCheck: keyCheckOf(key) });
    expect(reopened.integrityCheck()).toBe('ok');
    reopened.close();
  });

  it('names a damaged first page as corruption when the key is the right one', () => {
    const key = newKey();
    const store = LocalStore.open(file, key, { create: true, expectedKeyCheck: null });
    fillWithMarkers(store);
    store.close();
    const bytes = readFileSync(file);
    bytes.fill(0x41, 100, 300);
    writeFileSync(file, bytes);
    const before = sha256(file);
    expect(() => LocalStore.open(file, key, { create: false, expectedKeyCheck: keyCheckOf(key) })).toThrow(CorruptDatabaseError);
    expect(sha256(file)).toBe(before);
  });

  it('names a truncated file and does not touch it', () => {
    const key = newKey();
    const store = LocalStore.open(file, key, { create: true, expectedKeyCheck: null });
    fillWithMarkers(store);
    store.close();
    for (const size of [statSync(file).size - PAGE_SIZE / 2, 0]) {
      truncateSync(file, size);
      const before = sha256(file);
      expect(() => LocalStore.open(file, key, { create: false, expectedKeyCheck: keyCheckOf(key) })).toThrow(TruncatedDatabaseError);
      expect(sha256(file)).toBe(before);
      expect(statSync(file).size).toBe(size);
    }
  });

  it('names a truncated file cut at a page boundary as corrupt once the missing pages are read', () => {
    const key = newKey();
    const store = LocalStore.open(file, key, { create: true, expectedKeyCheck: null });
    const appointmentId = fillWithMarkers(store);
    store.close();
    truncateSync(file, Math.floor(statSync(file).size / PAGE_SIZE / 2) * PAGE_SIZE);
    const attempt = (): void => {
      const damaged = LocalStore.open(file, key, { create: false, expectedKeyCheck: keyCheckOf(key) });
      try {
        damaged.notesForAppointment(appointmentId);
        expect(damaged.integrityCheck()).not.toBe('ok');
      } finally {
        damaged.close();
      }
    };
    expect(attempt).toThrow(CorruptDatabaseError);
  });

  it('refuses a database from a newer app version with DatabaseFromTheFutureError, unchanged', () => {
    const key = newKey();
    LocalStore.open(file, key, { create: true, expectedKeyCheck: null }).close();
    const raw = new EncryptedDatabase(file);
    keyConnection(raw, key);
    raw.pragma('user_version = 99');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = sha256(file);
    const error = (() => {
      try {
        LocalStore.open(file, key, { create: false, expectedKeyCheck: keyCheckOf(key) });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DatabaseFromTheFutureError);
    expect((error as DatabaseFromTheFutureError).found).toBe(99);
    expect((error as Error).message).toMatch(/neueren Beratungsraum-Version/);
    expect(sha256(file)).toBe(before);
  });
});
