/**
 * Schema 1. Appointment and note bodies are kept as validated JSON next to the columns that queries need;
 * every table is STRICT so a wrong type fails loudly instead of being coerced.
 */
export const version = 1;
export const name = 'initial';
export const up = /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Clustered by calendar day (WITHOUT ROWID): a week view reads a few neighbouring pages instead of one page per
-- appointment, which matters because every page read from disk is decrypted.
CREATE TABLE appointments (
  -- Calendar day as written in the server's timestamp (agency local time), for day and week views.
  start_day TEXT NOT NULL,
  start_at  TEXT NOT NULL,
  id        TEXT NOT NULL UNIQUE,
  end_at    TEXT NOT NULL,
  revision  INTEGER NOT NULL,
  body      TEXT NOT NULL,
  PRIMARY KEY (start_day, start_at, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE note_versions (
  row_id         INTEGER PRIMARY KEY,
  note_id        TEXT NOT NULL,
  appointment_id TEXT NOT NULL,
  -- Proposed by the client while pending; the server's number once synced.
  version        INTEGER NOT NULL,
  base_version   INTEGER,
  conflict_of    INTEGER,
  content        TEXT NOT NULL,
  health_data    INTEGER NOT NULL CHECK (health_data IN (0, 1)),
  author_id      TEXT NOT NULL,
  saved_at       TEXT NOT NULL,
  sync_state     TEXT NOT NULL CHECK (sync_state IN ('pending', 'synced', 'rejected')),
  -- The outbox operation that carries this version (null for versions pulled from the server).
  op_id          TEXT,
  UNIQUE (note_id, version)
) STRICT;
CREATE INDEX note_versions_by_appointment ON note_versions (appointment_id);
CREATE INDEX note_versions_by_op ON note_versions (op_id);

CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id      TEXT NOT NULL UNIQUE,
  type       TEXT NOT NULL,
  -- The appointment the operation concerns, so pulled server data can be overlaid with pending local changes.
  appointment_id TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  -- Set before the first send: after that the payload is frozen, because the server may already hold this op id.
  sent       INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1)),
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
  last_error TEXT
) STRICT;
CREATE INDEX outbox_by_appointment ON outbox (appointment_id);

CREATE TABLE consent_records (
  id             INTEGER PRIMARY KEY,
  appointment_id TEXT NOT NULL,
  given_at       TEXT NOT NULL,
  via            TEXT NOT NULL,
  text_version   TEXT NOT NULL,
  withdrawn_at   TEXT,
  recorded_at    TEXT NOT NULL
) STRICT;
CREATE INDEX consent_records_by_appointment ON consent_records (appointment_id);

CREATE TABLE device_check_reports (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  report     TEXT NOT NULL
) STRICT;

-- Security events only: what happened and when, never customer content (see audit-log.ts for the allowed detail).
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  event  TEXT NOT NULL CHECK (event IN ('created', 'unlock', 'unlock_failed', 'lock', 'auto_lock', 'wipe', 'export', 'purge', 'sign_in', 'sign_out')),
  detail TEXT NOT NULL
) STRICT;
`;
