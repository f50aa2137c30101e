/** Numbered migrations in one transaction; user_version only increases; a failed migration changes nothing. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationFailedError } from '../../../src-main/services/store/errors.js';
import { latestSchemaVersion, readSchemaVersion } from '../../../src-main/services/store/migrate.js';
import { MIGRATIONS, type Migration } from '../../../src-main/services/store/migrations/index.js';
import { openEncryptedDatabase } from '../../../src-main/services/store/open-database.js';
import { newKey } from './fixtures.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'br-migrate-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: ReturnType<typeof openEncryptedDatabase>['db']): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrations', () => {
  it('creates every table of schema 1 and records the version', () => {
    const { db, schemaVersion } = openEncryptedDatabase(join(dir, 'a.db'), newKey(), { create: true, expectedKeyCheck: null });
    expect(schemaVersion).toBe(latestSchemaVersion());
    expect(readSchemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['appointments', 'audit_log', 'consent_records', 'device_check_reports', 'meta', 'note_versions', 'outbox']),
    );
    db.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves schema and user_version as they were', () => {
    const file = join(dir, 'b.db');
    const key = newKey();
    openEncryptedDatabase(file, key, { create: true, expectedKeyCheck: null }).db.close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: 2, name: 'adds a table', up: 'CREATE TABLE added_in_two (x TEXT) STRICT;' },
      { version: 3, name: 'fails half-way', up: 'CREATE TABLE added_in_three (x TEXT) STRICT; SELECT * FROM no_such_table;' },
    ];
    expect(() => openEncryptedDatabase(file, key, { create: false, expectedKeyCheck: null, migrations: broken })).toThrow(MigrationFailedError);
    const { db, schemaVersion } = openEncryptedDatabase(file, key, { create: false, expectedKeyCheck: null });
    expect(schemaVersion).toBe(1);
    expect(tables(db)).not.toContain('added_in_two');
    expect(tables(db)).not.toContain('added_in_three');
    db.close();
  });

  it('moves forward to a newer schema and never back', () => {
    const file = join(dir, 'c.db');
    const key = newKey();
    openEncryptedDatabase(file, key, { create: true, expectedKeyCheck: null }).db.close();
    const next: Migration[] = [...MIGRATIONS, { version: 2, name: 'adds a column', up: 'ALTER TABLE meta ADD COLUMN note TEXT;' }];
    const upgraded = openEncryptedDatabase(file, key, { create: false, expectedKeyCheck: null, migrations: next });
    expect(upgraded.schemaVersion).toBe(2);
    upgraded.db.close();
    // The app that only knows schema 1 must not open (and so never "downgrade") the newer file.
    expect(() => openEncryptedDatabase(file, key, { create: false, expectedKeyCheck: null })).toThrow(/neueren Beratungsraum-Version/);
  });

  it('refuses a migration list with a gap in its numbering', () => {
    const gap: Migration[] = [...MIGRATIONS, { version: 3, name: 'skips two', up: 'SELECT 1;' }];
    expect(() => openEncryptedDatabase(join(dir, 'd.db'), newKey(), { create: true, expectedKeyCheck: null, migrations: gap })).toThrow(/lückenlos/);
  });
});
