/** The window's note states as the calendar and the notes list read them: one read, decided by the note rule. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src-main/services/store/local-store.js';
import { appointment, newKey, noteContent } from './fixtures.js';

let dir: string;
let store: LocalStore;
const now = new Date('2026-11-24T12:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'br-note-states-'));
  store = LocalStore.open(join(dir, 'x.db'), newKey(), { create: true, expectedKeyCheck: null });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const held = (start: string) => appointment({ status: 'held', start, end: start.replace('T09:00', 'T09:45') });
const stateOf = (id: string) => store.noteStates('2026-11-23', '2026-11-27').find((item) => item.appointmentId === id);

describe('noteStates', () => {
  it('marks a held Beratung without a note as overdue, with a complete note as written', () => {
    const missing = held('2026-11-24T09:00:00+01:00');
    const written = held('2026-11-25T09:00:00+01:00');
    store.applyAppointmentFeed([missing, written], []);
    store.saveNote({ noteId: randomUUID(), appointmentId: written.id, content: noteContent('Stand besprochen') }, now);

    expect(stateOf(missing.id)).toEqual({ appointmentId: missing.id, state: 'overdue', versionCount: 0, hasConflict: false, pending: false });
    expect(stateOf(written.id)).toEqual({ appointmentId: written.id, state: 'written', versionCount: 1, hasConflict: false, pending: true });
  });

  it('keeps a held Beratung overdue while its only note lacks required fields', () => {
    const a = held('2026-11-24T09:00:00+01:00');
    store.applyAppointmentFeed([a], []);
    const incomplete = noteContent('Entwurf');
    store.saveNote({ noteId: randomUUID(), appointmentId: a.id, content: { ...incomplete, fields: { ...incomplete.fields, ziele: '' } } }, now);
    expect(stateOf(a.id)).toMatchObject({ state: 'overdue', versionCount: 1 });
  });

  it('is written once any version is complete, whatever the order of versions', () => {
    const a = held('2026-11-24T09:00:00+01:00');
    store.applyAppointmentFeed([a], []);
    const noteId = randomUUID();
    store.saveNote({ noteId, appointmentId: a.id, content: noteContent('Vollständig') }, now);
    const [op] = store.takeOutboxBatch(10);
    store.applyOpResults([{ opId: op!.opId, outcome: 'applied', serverVersion: 1 }]);
    const draft = noteContent('Neuer Entwurf');
    store.saveNote({ noteId, appointmentId: a.id, content: { ...draft, fields: { ...draft.fields, situation: '' } } }, new Date(now.getTime() + 60_000));
    expect(stateOf(a.id)).toMatchObject({ state: 'written', versionCount: 2, pending: true });
  });

  it('lists appointments that have a note without needing one, and leaves out those that need none and have none', () => {
    const planned = appointment({ start: '2026-11-26T09:00:00+01:00', end: '2026-11-26T09:45:00+01:00' });
    const telefon = appointment({ status: 'held', channel: 'telefon', start: '2026-11-24T10:00:00+01:00', end: '2026-11-24T10:30:00+01:00' });
    store.applyAppointmentFeed([planned, telefon], []);
    store.saveNote({ noteId: randomUUID(), appointmentId: planned.id, content: noteContent('Vorbereitung') }, now);

    expect(stateOf(planned.id)).toMatchObject({ state: 'not_required', versionCount: 1 });
    expect(stateOf(telefon.id)).toBeUndefined();
  });

  it('reads only the appointments starting inside the window', () => {
    const inside = held('2026-11-27T09:00:00+01:00');
    const after = held('2026-11-28T09:00:00+01:00');
    const before = held('2026-11-22T09:00:00+01:00');
    store.applyAppointmentFeed([inside, after, before], []);
    expect(store.noteStates('2026-11-23', '2026-11-27').map((item) => item.appointmentId)).toEqual([inside.id]);
  });

  it('reports a conflicting server version', () => {
    const a = held('2026-11-24T09:00:00+01:00');
    store.applyAppointmentFeed([a], []);
    const noteId = randomUUID();
    const version = { noteId, appointmentId: a.id, baseVersion: null, healthData: false, authorId: 'u-other', savedAt: now.toISOString() };
    store.applyNoteFeed([
      { ...version, version: 1, content: noteContent('Eins'), conflictOf: null },
      { ...version, version: 2, content: noteContent('Zwei'), conflictOf: 1 },
    ]);
    expect(stateOf(a.id)).toMatchObject({ state: 'written', versionCount: 2, hasConflict: true, pending: false });
  });
});
