/** A server store from before note ids were scoped per appointment (issue 13, B1) opens with its notes intact. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { NoteVersion } from '../../../src-shared/domain/note.js';
import { openSqliteRepository } from '../../../src-server/storage/sqlite-repository.js';

it('moves the notes of an old store to the per-appointment key and appends to them as before', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-notes-migration-'));
  try {
    const old = new Database(join(dir, 'beratungsraum-server.sqlite'));
    old.exec('CREATE TABLE notes (note_id TEXT NOT NULL, version INTEGER NOT NULL, appointment_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (note_id, version))');
    const [noteId, first, second] = [randomUUID(), randomUUID(), randomUUID()];
    const note: NoteVersion = {
      noteId,
      appointmentId: first,
      version: 1,
      baseVersion: null,
      content: { fields: { anlass: 'A', situation: 'S', ziele: 'Z', vereinbarungen: 'V', kanal: 'video', dauerMinuten: 30, teilnehmende: ['counsellor'] }, freeText: '' },
      healthData: false,
      authorId: 'u-1',
      savedAt: '2026-11-20T10:00:00.000Z',
      conflictOf: null,
    };
    old.prepare('INSERT INTO notes VALUES (?, ?, ?, ?)').run(noteId, 1, first, JSON.stringify(note));
    old.close();

    const repository = openSqliteRepository(dir);
    try {
      expect((await repository.notes.versions(first, noteId)).map((version) => version.version)).toEqual([1]);
      expect((await repository.notes.append({ ...note, baseVersion: 1 })).version.version).toBe(2);
      // The same id under another appointment is another note.
      expect((await repository.notes.append({ ...note, appointmentId: second })).version.version).toBe(1);
    } finally {
      await repository.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
