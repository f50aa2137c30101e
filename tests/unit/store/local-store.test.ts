/** Notes with versions, the outbox, pending local changes over pulled data, retention and the audit log. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppointmentNotCachedError } from '../../../src-main/services/store/errors.js';
import { LocalStore } from '../../../src-main/services/store/local-store.js';
import { NoteMismatchError } from '../../../src-main/services/store/notes.js';
import { appointment, newKey, noteContent } from './fixtures.js';

let dir: string;
let store: LocalStore;
const t0 = new Date('2026-11-23T10:00:00Z');
const later = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'br-local-store-'));
  store = LocalStore.open(join(dir, 'x.db'), newKey(), { create: true, expectedKeyCheck: null });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('notes and outbox', () => {
  it('autosave edits the unsent version in place, and starts a new version once the old one left the machine', () => {
    const a = appointment();
    store.applyAppointmentFeed([a], []);
    const noteId = randomUUID();
    store.saveNote({ noteId, appointmentId: a.id, content: noteContent('Entwurf 1') }, later(1));
    store.saveNote({ noteId, appointmentId: a.id, content: noteContent('Entwurf 2') }, later(2));
    expect(store.notesForAppointment(a.id)).toHaveLength(1);
    expect(store.outboxCounts()).toEqual({ pending: 1, rejected: 0 });

    const [first] = store.takeOutboxBatch(10);
    expect(first).toMatchObject({ type: 'note.save', note: { version: 1, baseVersion: null, content: { freeText: 'Entwurf 2' } } });

    const third = store.saveNote({ noteId, appointmentId: a.id, content: noteContent('Entwurf 3') }, later(3));
    expect(third).toMatchObject({ version: 2, baseVersion: 1, syncState: 'pending' });
    expect(store.outboxCounts().pending).toBe(2);

    store.applyOpResults([{ opId: first!.opId, outcome: 'applied', serverVersion: 1 }]);
    const versions = store.notesForAppointment(a.id);
    expect(versions.map((v) => [v.version, v.syncState])).toEqual([
      [1, 'synced'],
      [2, 'pending'],
    ]);
    expect(store.outboxCounts().pending).toBe(1);
  });

  it('keeps a conflicting edit as a further version next to the competing one, and moves its own pending version up', () => {
    const a = appointment();
    store.applyAppointmentFeed([a], []);
    const noteId = randomUUID();
    store.saveNote({ noteId, appointmentId: a.id, content: noteContent('Basis') }, later(1));
    const [base] = store.takeOutboxBatch(10);
    store.applyOpResults([{ opId: base!.opId, outcome: 'applied', serverVersion: 1 }]);

    store.saveNote({ noteId, appointmentId: a.id, content: noteContent('Meine Änderung') }, later(2));
    const [mine] = store.takeOutboxBatch(10);
    // Someone else's version 2 arrives first: ours moves out of its way.
    store.applyNoteFeed([
      { noteId, appointmentId: a.id, version: 2, baseVersion: 1, content: noteContent('Andere Änderung'), healthData: false, authorId: 'u-other', savedAt: later(1.5).toISOString(), conflictOf: null },
    ]);
    expect(store.notesForAppointment(a.id).map((v) => [v.version, v.content.freeText])).toEqual([
      [1, 'Basis'],
      [2, 'Andere Änderung'],
      [3, 'Meine Änderung'],
    ]);
    store.applyOpResults([{ opId: mine!.opId, outcome: 'conflict', serverVersion: 3 }]);
    const versions = store.notesForAppointment(a.id);
    expect(versions).toHaveLength(3);
    expect(versions[2]).toMatchObject({ version: 3, conflictOf: 2, syncState: 'synced', content: { freeText: 'Meine Änderung' } });
    expect(store.noteStates('2026-11-24', '2026-11-24')).toEqual([
      expect.objectContaining({ appointmentId: a.id, versionCount: 3, hasConflict: true, pending: false }),
    ]);
  });

  it('recognises its own version echoed by the server after a lost answer, and keeps it once', () => {
    const a = appointment();
    store.applyAppointmentFeed([a], []);
    const noteId = randomUUID();
    const saved = store.saveNote({ noteId, appointmentId: a.id, content: noteContent('Einmal') }, later(1));
    const [op] = store.takeOutboxBatch(10);
    store.applyNoteFeed([{ ...saved, syncState: undefined } as never]);
    store.applyOpResults([{ opId: op!.opId, outcome: 'duplicate', serverVersion: 1 }]);
    expect(store.notesForAppointment(a.id)).toHaveLength(1);
    expect(store.outboxCounts()).toEqual({ pending: 0, rejected: 0 });
  });

  it('refuses a note for an appointment that is not cached, and a note id that belongs to another appointment', () => {
    expect(() => store.saveNote({ noteId: randomUUID(), appointmentId: randomUUID(), content: noteContent('x') }, t0)).toThrow(AppointmentNotCachedError);
    const a = appointment();
    const b = appointment();
    store.applyAppointmentFeed([a, b], []);
    const noteId = randomUUID();
    store.saveNote({ noteId, appointmentId: a.id, content: noteContent('x') }, t0);
    expect(() => store.saveNote({ noteId, appointmentId: b.id, content: noteContent('y') }, t0)).toThrow(NoteMismatchError);
  });

  it('marks BPS notes as health data', () => {
    const a = appointment({ fachdienst: 'BPS', type: 'bps_begutachtung' });
    store.applyAppointmentFeed([a], []);
    expect(store.saveNote({ noteId: randomUUID(), appointmentId: a.id, content: noteContent('x') }, t0).healthData).toBe(true);
  });

  it('marks the note of a BPS assessment as health data whichever Fachdienst holds the appointment, and no other', () => {
    const assessment = appointment({ fachdienst: 'AV', type: 'bps_begutachtung' });
    const ordinary = appointment({ fachdienst: 'AV' });
    store.applyAppointmentFeed([assessment, ordinary], []);
    expect(store.saveNote({ noteId: randomUUID(), appointmentId: assessment.id, content: noteContent('x') }, t0).healthData).toBe(true);
    expect(store.saveNote({ noteId: randomUUID(), appointmentId: ordinary.id, content: noteContent('y') }, t0).healthData).toBe(false);
  });

  it('keeps a rejected operation and its version visible instead of dropping them', () => {
    const a = appointment();
    store.applyAppointmentFeed([a], []);
    store.saveNote({ noteId: randomUUID(), appointmentId: a.id, content: noteContent('x') }, t0);
    const [op] = store.takeOutboxBatch(10);
    store.applyOpResults([{ opId: op!.opId, outcome: 'rejected', error: { code: 'APPOINTMENT_NOT_FOUND', message: 'nein' } }]);
    expect(store.outboxCounts()).toEqual({ pending: 0, rejected: 1 });
    expect(store.notesForAppointment(a.id)[0]!.syncState).toBe('rejected');
    expect(store.takeOutboxBatch(10)).toEqual([]);
  });
});

describe('appointments', () => {
  it('shows a pending local status over an older server copy until the server has it', () => {
    const a = appointment();
    store.applyAppointmentFeed([a], []);
    store.setAppointmentStatus(a.id, 'held', t0);
    store.applyAppointmentFeed([{ ...a, revision: 2 }], []);
    expect(store.appointment(a.id).status).toBe('held');
    const [op] = store.takeOutboxBatch(10);
    expect(op).toMatchObject({ type: 'appointment.status', appointmentId: a.id, status: 'held' });
    store.applyOpResults([{ opId: op!.opId, outcome: 'applied' }]);
    store.applyAppointmentFeed([{ ...a, revision: 3, status: 'no_show' }], []);
    expect(store.appointment(a.id).status).toBe('no_show');
  });

  it('records consent as a record of its own, and a channel change, each with an operation', () => {
    const a = appointment();
    store.applyAppointmentFeed([a], []);
    const consent = { appointmentId: a.id, givenAt: t0.toISOString(), via: 'guest_page' as const, textVersion: 'v1', withdrawnAt: null };
    store.recordConsent(consent, t0);
    store.recordConsent({ ...consent, withdrawnAt: later(5).toISOString() }, later(5));
    store.setAppointmentChannel(a.id, 'telefon', 'consent_withdrawn', later(5));
    expect(store.consentHistory(a.id)).toHaveLength(2);
    expect(store.appointment(a.id)).toMatchObject({ channel: 'telefon', consent: { withdrawnAt: later(5).toISOString() } });
    expect(store.takeOutboxBatch(10).map((op) => op.type)).toEqual(['consent.record', 'consent.record', 'appointment.channel']);
  });

  it('answers the week view by calendar day and drops what a snapshot no longer contains', () => {
    const monday = appointment({ start: '2026-11-23T08:00:00+01:00', end: '2026-11-23T09:00:00+01:00' });
    const friday = appointment({ start: '2026-11-27T15:00:00+01:00', end: '2026-11-27T16:00:00+01:00' });
    const nextWeek = appointment({ start: '2026-11-30T08:00:00+01:00', end: '2026-11-30T09:00:00+01:00' });
    store.applyAppointmentFeed([friday, nextWeek, monday], []);
    expect(store.appointmentsInRange('2026-11-23', '2026-11-29').map((x) => x.id)).toEqual([monday.id, friday.id]);
    store.applyAppointmentFeed([monday], [], { from: '2026-11-23', to: '2026-11-29' });
    expect(store.appointmentsInRange('2026-11-23', '2026-12-06').map((x) => x.id)).toEqual([monday.id, nextWeek.id]);
  });
});

describe('retention and audit', () => {
  it('purges synced notes and ended appointments older than the policy, never pending data', () => {
    const old = appointment({ start: '2026-07-01T08:00:00+02:00', end: '2026-07-01T09:00:00+02:00' });
    const oldPending = appointment({ start: '2026-07-02T08:00:00+02:00', end: '2026-07-02T09:00:00+02:00' });
    const recent = appointment();
    store.applyAppointmentFeed([old, oldPending, recent], []);
    const julyNote = randomUUID();
    store.saveNote({ noteId: julyNote, appointmentId: old.id, content: noteContent('alt') }, new Date('2026-07-01T10:00:00Z'));
    const [op] = store.takeOutboxBatch(10);
    store.applyOpResults([{ opId: op!.opId, outcome: 'applied', serverVersion: 1 }]);
    store.saveNote({ noteId: randomUUID(), appointmentId: oldPending.id, content: noteContent('noch nicht gesendet') }, new Date('2026-07-02T10:00:00Z'));
    store.addDeviceCheckReport(randomUUID(), { ok: true }, new Date('2026-07-01T10:00:00Z'));

    const result = store.purge(t0, 90);
    expect(result).toEqual({ notes: 1, noteVersions: 1, appointments: 1, deviceCheckReports: 1 });
    expect(() => store.appointment(old.id)).toThrow(AppointmentNotCachedError);
    expect(store.appointment(oldPending.id).id).toBe(oldPending.id);
    expect(store.notesForAppointment(oldPending.id)).toHaveLength(1);
    expect(store.appointment(recent.id).id).toBe(recent.id);
  });

  it('records security events with typed detail only', () => {
    store.audit('unlock', t0, { mode: 'keychain', failedAttempts: 0 });
    store.audit('export', later(1), { count: 12 });
    const entries = store.auditEntries();
    expect(entries.map((e) => e.event)).toEqual(['export', 'unlock']);
    expect(entries[1]!.detail).toEqual({ mode: 'keychain', failedAttempts: 0 });
  });
});
