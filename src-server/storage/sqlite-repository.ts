/**
 * The embedded store: one SQLite file (WAL, so several server processes on one host can share it).
 * Appointments and notes are kept as validated JSON beside the columns the queries need; every row read back
 * is parsed with the schema from src-shared, so a damaged file is reported, not passed on.
 */
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Appointment, ConsentRecord } from '../../src-shared/domain/appointment.js';
import { NoteVersion } from '../../src-shared/domain/note.js';
import { isHealthData } from '../../src-shared/rules/visibility.js';
import { OpResult, SessionUser } from '../../src-shared/http/sync-api.js';
import type {
  Account,
  AppointmentChanges,
  AppointmentScope,
  AuditEntry,
  OpClaim,
  Repository,
  StoredOpResult,
  TimeWindow,
} from './repository.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS appointments (
  id TEXT PRIMARY KEY,
  counsellor_id TEXT NOT NULL,
  region TEXT NOT NULL,
  fachdienst TEXT NOT NULL,
  health_data INTEGER NOT NULL DEFAULT 0,
  start_ms INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS appointments_by_counsellor ON appointments (counsellor_id, start_ms);
CREATE INDEX IF NOT EXISTS appointments_by_region ON appointments (region, start_ms);
-- One row per change: the state BEFORE it, so the feed can tell who lost sight of an appointment.
CREATE TABLE IF NOT EXISTS appointment_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  appointment_id TEXT NOT NULL,
  before_counsellor_id TEXT,
  before_region TEXT,
  before_fachdienst TEXT,
  before_health_data INTEGER,
  before_start_ms INTEGER
);
-- A note id names a note within its appointment only: the same id under another appointment is another note, so
-- a foreign (say BPS) note's id used on one's own appointment answers exactly like a fresh id (issue 13, B1).
CREATE TABLE IF NOT EXISTS notes (
  note_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  appointment_id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (appointment_id, note_id, version)
);
CREATE INDEX IF NOT EXISTS notes_by_appointment ON notes (appointment_id);
CREATE TABLE IF NOT EXISTS consents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  appointment_id TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ops (
  op_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  claimed_ms INTEGER NOT NULL,
  result TEXT
);
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  from_config INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  family_id TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  family_expires_ms INTEGER NOT NULL,
  spent INTEGER NOT NULL DEFAULT 0,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family_id);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_role TEXT,
  actor_fachdienst TEXT,
  ip TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL
);
`;

interface AppointmentRow {
  data: string;
}
interface ChangeRow {
  appointment_id: string;
}
/** The columns the feed's scope and window queries use. */
interface PlacementRow {
  id: string;
  counsellor_id: string;
  region: string;
  fachdienst: string;
  health_data: number;
  start_ms: number;
}

/** Bound parameters per statement: SQLite allowed 999 before 3.32 (a shared file may meet an older build). */
const MAX_IDS_PER_QUERY = 500;

function scopeSql(prefix: string, scope: AppointmentScope): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope.counsellorId !== null) {
    clauses.push(`${prefix}counsellor_id = @counsellorId`);
    params.counsellorId = scope.counsellorId;
  }
  if (scope.region !== null) {
    clauses.push(`${prefix}region = @region`);
    params.region = scope.region;
  }
  if (!scope.includeBps) clauses.push(`${prefix}health_data = 0`);
  return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
}

/** Files created before the health_data columns existed get them, filled from the stored appointments. */
function migrate(db: Database.Database): void {
  const columns = (table: string): string[] => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
  if (!columns('appointments').includes('health_data')) {
    db.exec('ALTER TABLE appointments ADD COLUMN health_data INTEGER NOT NULL DEFAULT 0');
    for (const row of db.prepare('SELECT id, data FROM appointments').all() as { id: string; data: string }[]) {
      db.prepare('UPDATE appointments SET health_data = ? WHERE id = ?').run(isHealthData(Appointment.parse(JSON.parse(row.data))) ? 1 : 0, row.id);
    }
  }
  if (!columns('accounts').includes('from_config')) {
    db.exec('ALTER TABLE accounts ADD COLUMN from_config INTEGER NOT NULL DEFAULT 0');
  }
  if (!columns('appointment_changes').includes('before_health_data')) {
    db.exec('ALTER TABLE appointment_changes ADD COLUMN before_health_data INTEGER');
    db.exec("UPDATE appointment_changes SET before_health_data = CASE WHEN before_fachdienst = 'BPS' THEN 1 ELSE 0 END");
  }
  const notesKey = (db.prepare("SELECT name FROM pragma_table_info('notes') WHERE pk > 0 ORDER BY pk").all() as { name: string }[]).map((column) => column.name);
  if (notesKey[0] !== 'appointment_id') {
    // Note ids were global; the old key let no id appear under two appointments, so every row carries over as is.
    db.transaction(() => {
      db.exec(`ALTER TABLE notes RENAME TO notes_with_global_ids;
        CREATE TABLE notes (note_id TEXT NOT NULL, version INTEGER NOT NULL, appointment_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (appointment_id, note_id, version));
        INSERT INTO notes (note_id, version, appointment_id, data) SELECT note_id, version, appointment_id, data FROM notes_with_global_ids;
        DROP TABLE notes_with_global_ids;
        CREATE INDEX IF NOT EXISTS notes_by_appointment ON notes (appointment_id);`);
    })();
  }
}

export function openSqliteRepository(dataDir: string, fileName = 'beratungsraum-server.sqlite'): Repository {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Several processes may share the file (scale-out on one host): wait for a writer instead of failing.
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  migrate(db);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('epoch', randomUUID());
  const epoch = (db.prepare("SELECT value FROM meta WHERE key = 'epoch'").get() as { value: string }).value;
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('cursor_key', randomBytes(32).toString('hex'));
  const cursorKey = Buffer.from((db.prepare("SELECT value FROM meta WHERE key = 'cursor_key'").get() as { value: string }).value, 'hex');

  const lastSeq = (): number =>
    (db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM appointment_changes').get() as { seq: number }).seq;

  const logChange = db.prepare(
    `INSERT INTO appointment_changes (appointment_id, before_counsellor_id, before_region, before_fachdienst, before_health_data, before_start_ms)
     VALUES (@id, @counsellorId, @region, @fachdienst, @healthData, @startMs)`,
  );
  const upsertAppointment = db.prepare(
    `INSERT INTO appointments (id, counsellor_id, region, fachdienst, health_data, start_ms, seq, data)
     VALUES (@id, @counsellorId, @region, @fachdienst, @healthData, @startMs, @seq, @data)
     ON CONFLICT (id) DO UPDATE SET counsellor_id = excluded.counsellor_id, region = excluded.region,
       fachdienst = excluded.fachdienst, health_data = excluded.health_data, start_ms = excluded.start_ms,
       seq = excluded.seq, data = excluded.data`,
  );
  const getAppointment = db.prepare('SELECT data FROM appointments WHERE id = ?');

  const readAppointment = (id: string): Appointment | null => {
    const row = getAppointment.get(id) as AppointmentRow | undefined;
    return row ? Appointment.parse(JSON.parse(row.data)) : null;
  };

  /** Writes `next` and logs the state before it, in the caller's transaction. */
  const write = (next: Appointment, before: Appointment | null): void => {
    const info = logChange.run({
      id: next.id,
      counsellorId: before?.counsellorId ?? null,
      region: before?.agencyRegion ?? null,
      fachdienst: before?.fachdienst ?? null,
      healthData: before ? (isHealthData(before) ? 1 : 0) : null,
      startMs: before ? Date.parse(before.start) : null,
    });
    upsertAppointment.run({
      id: next.id,
      counsellorId: next.counsellorId,
      region: next.agencyRegion,
      fachdienst: next.fachdienst,
      healthData: isHealthData(next) ? 1 : 0,
      startMs: Date.parse(next.start),
      seq: Number(info.lastInsertRowid),
      data: JSON.stringify(next),
    });
  };

  const selectPlacement = db.prepare<[string], PlacementRow>(
    'SELECT id, counsellor_id, region, fachdienst, health_data, start_ms FROM appointments WHERE id = ?',
  );
  const setSeq = db.prepare('UPDATE appointments SET seq = ? WHERE id = ?');

  /**
   * Records a change of an appointment's notes in the feed's change sequence, in the caller's transaction, so
   * the feed carries note edits with the same cursor, window, scope and reassignment rules as appointment
   * changes. The "before" state is the current one (nobody lost sight of it), and revision and updatedAt stay
   * as they are: the appointment itself did not change, and a client's overlay of pending changes compares
   * revisions. A note of an appointment the store does not hold (gateway import order) has nothing to touch.
   */
  const touch = (appointmentId: string): void => {
    const row = selectPlacement.get(appointmentId);
    if (!row) return;
    const info = logChange.run({
      id: row.id,
      counsellorId: row.counsellor_id,
      region: row.region,
      fachdienst: row.fachdienst,
      healthData: row.health_data,
      startMs: row.start_ms,
    });
    setSeq.run(Number(info.lastInsertRowid), row.id);
  };

  const selectInScope = (scope: AppointmentScope, window: TimeWindow, since: number | null): Appointment[] => {
    const { sql, params } = scopeSql('', scope);
    const rows = db
      .prepare(
        `SELECT data FROM appointments WHERE ${sql} AND start_ms >= @startMs AND start_ms < @endMs
         ${since === null ? '' : 'AND seq > @since'} ORDER BY start_ms, id`,
      )
      .all({ ...params, startMs: window.startMs, endMs: window.endMs, ...(since === null ? {} : { since }) }) as AppointmentRow[];
    return rows.map((row) => Appointment.parse(JSON.parse(row.data)));
  };

  const snapshot = db.transaction((scope: AppointmentScope, window: TimeWindow): AppointmentChanges => ({
    items: selectInScope(scope, window, null),
    removed: [],
    seq: lastSeq(),
  }));

  const changesSince = db.transaction((since: number, scope: AppointmentScope, window: TimeWindow): AppointmentChanges => {
    const items = selectInScope(scope, window, since);
    const { sql, params } = scopeSql('before_', scope);
    const lostSight = db
      .prepare(
        `SELECT DISTINCT appointment_id FROM appointment_changes
         WHERE seq > @since AND before_counsellor_id IS NOT NULL AND ${sql}
           AND before_start_ms >= @startMs AND before_start_ms < @endMs`,
      )
      .all({ ...params, since, startMs: window.startMs, endMs: window.endMs }) as ChangeRow[];
    const present = new Set(items.map((item) => item.id));
    const removed: string[] = [];
    for (const { appointment_id: id } of lostSight) {
      if (present.has(id)) continue;
      // Still visible but unchanged since? Then it was never lost: it moved away and back within the interval.
      const now = readAppointment(id);
      const stillInside =
        now !== null &&
        (scope.counsellorId === null || now.counsellorId === scope.counsellorId) &&
        (scope.region === null || now.agencyRegion === scope.region) &&
        (scope.includeBps || !isHealthData(now)) &&
        Date.parse(now.start) >= window.startMs &&
        Date.parse(now.start) < window.endMs;
      if (!stillInside) removed.push(id);
    }
    return { items, removed, seq: lastSeq() };
  });

  const update = db.transaction((id: string, change: (current: Appointment) => Appointment): Appointment => {
    const current = readAppointment(id);
    if (!current) throw new Error(`Termin ${id} gibt es nicht.`);
    const proposed = change(current);
    const next = Appointment.parse({
      ...proposed,
      id: current.id,
      revision: current.revision + 1,
      updatedAt: new Date().toISOString(),
    });
    write(next, current);
    return next;
  });

  const put = db.transaction((appointment: Appointment) => {
    write(Appointment.parse(appointment), readAppointment(appointment.id));
  });

  const appendNote = db.transaction((note: NoteVersion) => {
    const head = (
      db.prepare('SELECT COALESCE(MAX(version), 0) AS head FROM notes WHERE appointment_id = ? AND note_id = ?').get(note.appointmentId, note.noteId) as {
        head: number;
      }
    ).head;
    const conflict = head === 0 ? note.baseVersion !== null : note.baseVersion !== head;
    const version = NoteVersion.parse({ ...note, version: head + 1, conflictOf: conflict && head > 0 ? head : null });
    db.prepare('INSERT INTO notes (note_id, version, appointment_id, data) VALUES (?, ?, ?, ?)').run(
      version.noteId,
      version.version,
      version.appointmentId,
      JSON.stringify(version),
    );
    touch(version.appointmentId);
    return { version, conflict };
  });

  const claim = db.transaction((opId: string, userId: string, staleAfterMs: number): OpClaim => {
    const now = Date.now();
    const row = db.prepare('SELECT user_id, claimed_ms, result FROM ops WHERE op_id = ?').get(opId) as
      | { user_id: string; claimed_ms: number; result: string | null }
      | undefined;
    if (!row) {
      db.prepare('INSERT INTO ops (op_id, user_id, claimed_ms, result) VALUES (?, ?, ?, NULL)').run(opId, userId, now);
      return { state: 'new' };
    }
    if (row.user_id !== userId) return { state: 'foreign' };
    if (row.result !== null) return { state: 'done', result: OpResult.parse(JSON.parse(row.result)) };
    if (now - row.claimed_ms < staleAfterMs) return { state: 'in_progress' };
    db.prepare('UPDATE ops SET claimed_ms = ? WHERE op_id = ?').run(now, opId);
    return { state: 'new' };
  });

  type RefreshRow = { user_id: string; family_id: string; expires_ms: number; family_expires_ms: number; spent: number; revoked: number };
  const spendRefresh = db.transaction((hash: string, nowMs: number) => {
    const row = db.prepare('SELECT user_id, family_id, expires_ms, family_expires_ms, spent, revoked FROM refresh_tokens WHERE token_hash = ?').get(hash) as
      | RefreshRow
      | undefined;
    if (!row || row.revoked) return null;
    if (row.spent) {
      db.prepare('UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?').run(row.family_id);
      return { state: 'reused' as const, userId: row.user_id };
    }
    if (row.expires_ms <= nowMs || row.family_expires_ms <= nowMs) return null;
    db.prepare('UPDATE refresh_tokens SET spent = 1 WHERE token_hash = ?').run(hash);
    return { state: 'valid' as const, userId: row.user_id, familyId: row.family_id, familyExpiresAtMs: row.family_expires_ms };
  });

  const upsertAccount = (account: Account, fromConfig: boolean): void => {
    const user = SessionUser.parse(account);
    db.prepare(
      `INSERT INTO accounts (id, username, data, password_hash, from_config) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, data = excluded.data,
         password_hash = excluded.password_hash, from_config = excluded.from_config`,
    ).run(user.id, account.username, JSON.stringify(user), account.passwordHash, fromConfig ? 1 : 0);
  };

  const syncConfigured = db.transaction((accounts: readonly Account[]) => {
    const keep = new Set(accounts.map((account) => account.id));
    for (const { id } of db.prepare('SELECT id FROM accounts WHERE from_config = 1').all() as { id: string }[]) {
      if (keep.has(id)) continue;
      db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
      db.prepare('DELETE FROM refresh_tokens WHERE user_id = ?').run(id);
      db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    }
    for (const account of accounts) upsertAccount(account, true);
  });

  const parseNotes = (rows: { data: string }[]): NoteVersion[] => rows.map((row) => NoteVersion.parse(JSON.parse(row.data)));

  // One read transaction, so a note appended between two chunks cannot make the batch inconsistent.
  const notesForAppointments = db.transaction((appointmentIds: readonly string[]): NoteVersion[] => {
    const unique = [...new Set(appointmentIds)];
    const rows: { data: string }[] = [];
    for (let start = 0; start < unique.length; start += MAX_IDS_PER_QUERY) {
      const chunk = unique.slice(start, start + MAX_IDS_PER_QUERY);
      rows.push(
        ...(db
          .prepare(`SELECT data FROM notes WHERE appointment_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY appointment_id, note_id, version`)
          .all(...chunk) as { data: string }[]),
      );
    }
    return parseNotes(rows);
  });

  return {
    appointments: {
      get: async (id) => readAppointment(id),
      snapshot: async (scope, window) => snapshot(scope, window),
      changesSince: async (since, scope, window) => changesSince(since, scope, window),
      update: async (id, change) => update(id, change),
      put: async (appointment) => {
        put(appointment);
      },
      epoch: async () => epoch,
      cursorKey: async () => cursorKey,
    },
    notes: {
      append: async (note) => appendNote(note),
      versions: async (appointmentId, noteId) =>
        parseNotes(db.prepare('SELECT data FROM notes WHERE appointment_id = ? AND note_id = ? ORDER BY version').all(appointmentId, noteId) as { data: string }[]),
      forAppointment: async (appointmentId) =>
        parseNotes(
          db.prepare('SELECT data FROM notes WHERE appointment_id = ? ORDER BY note_id, version').all(appointmentId) as {
            data: string;
          }[],
        ),
      forAppointments: async (appointmentIds) => notesForAppointments(appointmentIds),
    },
    consents: {
      record: async (consent, recordedBy) => {
        db.prepare('INSERT INTO consents (appointment_id, recorded_by, data) VALUES (?, ?, ?)').run(
          consent.appointmentId,
          recordedBy,
          JSON.stringify(ConsentRecord.parse(consent)),
        );
      },
      history: async (appointmentId) =>
        (db.prepare('SELECT data FROM consents WHERE appointment_id = ? ORDER BY id').all(appointmentId) as { data: string }[]).map(
          (row) => ConsentRecord.parse(JSON.parse(row.data)),
        ),
    },
    ops: {
      claim: async (opId, userId, staleAfterMs) => claim(opId, userId, staleAfterMs),
      finish: async (opId, result: StoredOpResult) => {
        db.prepare('UPDATE ops SET result = ? WHERE op_id = ?').run(JSON.stringify(OpResult.parse(result)), opId);
      },
      release: async (opId) => {
        db.prepare('DELETE FROM ops WHERE op_id = ? AND result IS NULL').run(opId);
      },
    },
    accounts: {
      byUsername: async (username) => {
        const row = db.prepare('SELECT data, username, password_hash FROM accounts WHERE username = ?').get(username) as
          | { data: string; username: string; password_hash: string }
          | undefined;
        return row ? ({ ...SessionUser.parse(JSON.parse(row.data)), username: row.username, passwordHash: row.password_hash } satisfies Account) : null;
      },
      byId: async (id) => {
        const row = db.prepare('SELECT data FROM accounts WHERE id = ?').get(id) as { data: string } | undefined;
        return row ? SessionUser.parse(JSON.parse(row.data)) : null;
      },
      upsert: async (account) => {
        upsertAccount(account, false);
      },
      syncConfigured: async (accounts) => syncConfigured(accounts),
      list: async () =>
        (db.prepare('SELECT data FROM accounts ORDER BY id').all() as { data: string }[]).map((row) => SessionUser.parse(JSON.parse(row.data))),
    },
    sessions: {
      create: async (tokenHash, userId, expiresAtMs) => {
        db.prepare('DELETE FROM sessions WHERE expires_ms < ?').run(Date.now());
        db.prepare('INSERT INTO sessions (token_hash, user_id, expires_ms) VALUES (?, ?, ?)').run(tokenHash, userId, expiresAtMs);
      },
      lookup: async (tokenHash, nowMs) => {
        const row = db.prepare('SELECT user_id, expires_ms FROM sessions WHERE token_hash = ?').get(tokenHash) as
          | { user_id: string; expires_ms: number }
          | undefined;
        return row && row.expires_ms > nowMs ? row.user_id : null;
      },
      remove: async (tokenHash) => {
        db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
      },
    },
    refreshTokens: {
      create: async (token) => {
        // Spent credentials stay until their family ends, so a late replay is still recognised as reuse.
        db.prepare('DELETE FROM refresh_tokens WHERE family_expires_ms < ?').run(Date.now());
        db.prepare(
          'INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_ms, family_expires_ms) VALUES (?, ?, ?, ?, ?)',
        ).run(token.hash, token.userId, token.familyId, token.expiresAtMs, token.familyExpiresAtMs);
      },
      spend: async (hash, nowMs) => spendRefresh(hash, nowMs),
      revokeFamilyOf: async (hash) => {
        db.prepare('UPDATE refresh_tokens SET revoked = 1 WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)').run(hash);
      },
    },
    audit: {
      append: async (entry: AuditEntry) => {
        db.prepare(
          `INSERT INTO audit (at, actor_id, actor_role, actor_fachdienst, ip, action, target, outcome, reason)
           VALUES (@at, @actorId, @actorRole, @actorFachdienst, @ip, @action, @target, @outcome, @reason)`,
        ).run(entry);
      },
      list: async (limit) =>
        (
          db
            .prepare(
              `SELECT at, actor_id AS actorId, actor_role AS actorRole, actor_fachdienst AS actorFachdienst, ip, action, target,
                      outcome, reason FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id`,
            )
            .all(limit) as AuditEntry[]
        ),
    },
    close: async () => {
      db.close();
    },
  };
}
