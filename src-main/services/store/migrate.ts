/**
 * Brings a database to the newest schema: all pending migrations in ONE transaction (all or nothing), with
 * `user_version` as the schema number. The number only ever increases; a database newer than this app is
 * refused with `DatabaseFromTheFutureError` before anything is written.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DatabaseFromTheFutureError, MigrationFailedError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} hat Nummer ${migration.version}, erwartet ${index + 1}: Migrationen müssen lückenlos nummeriert sein.`);
    }
  });
}

export const latestSchemaVersion = (migrations: readonly Migration[] = MIGRATIONS): number => migrations.at(-1)?.version ?? 0;

export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Returns the schema version after migrating. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  assertOrdered(migrations);
  const latest = latestSchemaVersion(migrations);
  const current = readSchemaVersion(db);
  if (current > latest) throw new DatabaseFromTheFutureError(current, latest);
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return current;

  let applying = pending[0]!.version;
  try {
    db.transaction(() => {
      for (const migration of pending) {
        applying = migration.version;
        db.exec(migration.up);
        // PRAGMA takes no bound parameters; the version is an integer from our own list.
        db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }
    }).immediate();
  } catch (error) {
    throw new MigrationFailedError(applying, error instanceof Error ? error.message : String(error));
  }
  const after = readSchemaVersion(db);
  if (after <= current) throw new MigrationFailedError(applying, `user_version blieb bei ${after}`);
  return after;
}
