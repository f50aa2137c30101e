import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../../src-shared/domain/note.js';
import { ApiError, AppointmentFeedReply, NotesReply, OpsReply } from '../../../src-shared/http/sync-api.js';
import { noteState } from '../../../src-shared/rules/note-requirement.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const WINDOW = 'from=2026-11-16&to=2026-11-27';
let t: TestServer;
let token: string;

beforeAll(async () => {
  t = await startTestServer();
  token = await t.login('av.berger');
});
afterAll(async () => t?.close());

async function feed(since?: string, window = WINDOW, as = token): Promise<AppointmentFeedReply> {
  const reply = await t.request(`/api/v1/appointments?${window}${since ? `&since=${encodeURIComponent(since)}` : ''}`, { token: as });
  expect(reply.status).toBe(200);
  return AppointmentFeedReply.parse(await reply.json());
}

async function ops(body: unknown, as = token): Promise<OpsReply> {
  const reply = await t.request('/api/v1/ops', { json: body, token: as });
  expect(reply.status).toBe(200);
  return OpsReply.parse(await reply.json());
}

function noteOf(appointment: Appointment, patch: Partial<NoteVersion> = {}): NoteVersion {
  return {
    noteId: randomUUID(),
    appointmentId: appointment.id,
    version: 1,
    baseVersion: null,
    content: {
      fields: { anlass: 'Folgegespräch', situation: 'Stand besprochen', ziele: 'Bewerbungen', vereinbarungen: 'Drei Bewerbungen', kanal: appointment.channel, dauerMinuten: 45, teilnehmende: ['counsellor', 'customer'] },
      freeText: '',
    },
    healthData: false,
    authorId: 'wer-auch-immer',
    savedAt: new Date().toISOString(),
    conflictOf: null,
    ...patch,
  };
}

describe('appointment feed', () => {
  it('starts with a full snapshot of the counsellor’s own appointments in the window', async () => {
    const first = await feed();
    expect(first.reset).toBe(true);
    expect(first.items.length).toBeGreaterThan(20);
    expect(first.items.every((item) => item.counsellorId === 'u-av-berger')).toBe(true);
    expect(first.items.every((item) => item.start >= '2026-11-16' && item.start < '2026-11-28')).toBe(true);
    expect(new Set(first.items.map((item) => item.channel))).toEqual(new Set(['praesenz', 'video', 'telefon']));
  });

  it('continues from the cursor with only what changed, and a window change starts over', async () => {
    const first = await feed();
    const unchanged = await feed(first.cursor);
    expect(unchanged).toMatchObject({ items: [], removed: [] });
    expect(unchanged.reset).toBeUndefined();

    const target = first.items.find((item) => item.status === 'planned') as Appointment;
    const result = await ops({ ops: [{ opId: randomUUID(), type: 'appointment.status', appointmentId: target.id, status: 'cancelled', at: new Date().toISOString() }] });
    expect(result.results[0]?.outcome).toBe('applied');

    const next = await feed(unchanged.cursor);
    expect(next.items.map((item) => item.id)).toEqual([target.id]);
    expect(next.items[0]).toMatchObject({ status: 'cancelled', revision: target.revision + 1 });
    expect(next.cursor).not.toBe(unchanged.cursor);

    const otherWindow = await feed(next.cursor, 'from=2026-11-23&to=2026-11-27');
    expect(otherWindow.reset).toBe(true);
    expect(otherWindow.items.every((item) => item.start >= '2026-11-23')).toBe(true);
  });

  it('reports an appointment reassigned to someone else as removed, and shows it to the new counsellor', async () => {
    const first = await feed();
    const bbToken = await t.login('bb.schulz');
    const bbFirst = await feed(undefined, WINDOW, bbToken);
    const moved = first.items[3] as Appointment;
    await t.server.core.repository.appointments.update(moved.id, (current) => ({ ...current, counsellorId: 'u-bb-schulz' }));

    const after = await feed(first.cursor);
    expect(after.removed).toEqual([moved.id]);
    expect(after.items).toEqual([]);
    const bbAfter = await feed(bbFirst.cursor, WINDOW, bbToken);
    expect(bbAfter.items.map((item) => item.id)).toEqual([moved.id]);
  });

  it('refuses a forged cursor and a reversed window with named errors', async () => {
    const forged = await t.request(`/api/v1/appointments?${WINDOW}&since=not-a-cursor`, { token });
    expect(forged.status).toBe(400);
    expect(ApiError.parse(await forged.json()).error.code).toBe('INVALID_CURSOR');
    const reversed = await t.request('/api/v1/appointments?from=2026-11-27&to=2026-11-16', { token });
    expect(reversed.status).toBe(400);
    expect(ApiError.parse(await reversed.json()).error.code).toBe('INVALID_QUERY');
  });
});

describe('notes in the appointment feed', () => {
  const saveNote = async (appointment: Appointment, patch: Partial<NoteVersion> = {}, as = token) => {
    const reply = await ops({ ops: [{ opId: randomUUID(), type: 'note.save', note: noteOf(appointment, patch) }] }, as);
    expect(reply.results[0]?.outcome).toBe('applied');
  };

  it('carries every version of the notes of the snapshot’s appointments', async () => {
    const snapshot = await feed();
    const withNotes = new Set(snapshot.notes.map((version) => version.appointmentId));
    // The demo fortnight has notes for most held Beratungen.
    expect(withNotes.size).toBeGreaterThan(3);
    const expected: NoteVersion[] = [];
    for (const item of snapshot.items) {
      expected.push(...NotesReply.parse(await (await t.request(`/api/v1/notes?appointmentId=${item.id}`, { token })).json()).versions);
    }
    const key = (version: NoteVersion) => `${version.noteId}/${version.version}`;
    expect(snapshot.notes.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('returns an appointment with its notes after a note append, without changing its revision', async () => {
    const start = await feed();
    const target = start.items.find((item) => item.type !== 'erstgespraech_alo' && !start.notes.some((note) => note.appointmentId === item.id)) as Appointment;
    await saveNote(target, { content: { ...noteOf(target).content, freeText: 'auf einem anderen Gerät geschrieben' } });

    const next = await feed(start.cursor);
    expect(next.reset).toBeUndefined();
    expect(next.items.map((item) => item.id)).toEqual([target.id]);
    // The appointment itself did not change: same revision and updatedAt, so local overlays stay valid.
    expect(next.items[0]).toEqual(target);
    expect(next.notes.map((note) => [note.appointmentId, note.version, note.content.freeText])).toEqual([
      [target.id, 1, 'auf einem anderen Gerät geschrieben'],
    ]);
    expect(await feed(next.cursor)).toMatchObject({ items: [], removed: [], notes: [] });
  });

  it('gives a team lead the touched appointment pseudonymised, but never notes', async () => {
    const lead = await t.login('tl.hoffmann');
    const start = await feed(undefined, WINDOW, lead);
    expect(start.items.length).toBeGreaterThan(20);
    expect(start.notes).toEqual([]);
    const target = (await feed()).items.find((item) => item.type !== 'erstgespraech_alo') as Appointment;
    await saveNote(target);

    const next = await feed(start.cursor, WINDOW, lead);
    expect(next.items.map((item) => item.id)).toContain(target.id);
    expect(next.notes).toEqual([]);
  });

  it('gives a team lead each appointment’s note state, decided from the stored notes, and no text', async () => {
    const lead = await t.login('tl.hoffmann');
    const counsellor = await feed();
    const leadFeed = await feed(undefined, WINDOW, lead);
    const byId = new Map(leadFeed.items.map((item) => [item.id, item]));
    const states = counsellor.items.map((item) => {
      const versions = counsellor.notes.filter((note) => note.appointmentId === item.id);
      return [item.id, noteState(item, versions)] as const;
    });
    expect(states.some(([, state]) => state === 'written')).toBe(true);
    expect(states.some(([, state]) => state === 'overdue')).toBe(true);
    for (const [id, state] of states) expect(byId.get(id)?.noteState, id).toBe(state);
    // Counsellors hold the notes themselves: their feed carries no state of its own.
    expect(counsellor.items.every((item) => item.noteState === undefined)).toBe(true);
    const text = JSON.stringify(leadFeed);
    for (const note of counsellor.notes) {
      for (const value of [note.content.fields.situation, note.content.fields.vereinbarungen]) if (value.length > 12) expect(text).not.toContain(value);
    }
  });

  it('never sends a BPS appointment’s notes to a counsellor without the BPS role', async () => {
    const bpsToken = await t.login('bps.keller');
    const mine = await feed();
    const bpsStart = await feed(undefined, WINDOW, bpsToken);
    // A BPS assessment booked for the AV counsellor: health data by its type, so even its owner must not see it.
    const hidden = { ...(mine.items[0] as Appointment), id: randomUUID(), type: 'bps_begutachtung' as const };
    await t.server.core.repository.appointments.put(hidden);
    const afterPut = await feed(mine.cursor);
    await t.server.core.repository.notes.append({ ...noteOf(hidden), healthData: true, authorId: 'u-bps-keller' });
    const bpsOwn = bpsStart.items.find((item) => item.type !== 'erstgespraech_alo') as Appointment;
    await saveNote(bpsOwn, { healthData: true }, bpsToken);

    for (const reply of [await feed(), await feed(mine.cursor), await feed(afterPut.cursor)]) {
      expect(reply.items.map((item) => item.id)).not.toContain(hidden.id);
      expect(reply.notes.filter((note) => note.appointmentId === hidden.id || note.appointmentId === bpsOwn.id)).toEqual([]);
    }
    // The BPS counsellor does get the notes of her own BPS appointment.
    const bpsNext = await feed(bpsStart.cursor, WINDOW, bpsToken);
    expect(bpsNext.notes.map((note) => note.appointmentId)).toContain(bpsOwn.id);
  });
});

describe('operations', () => {
  it('applies each opId at most once', async () => {
    const appointment = (await feed()).items.find((item) => item.type !== 'erstgespraech_alo') as Appointment;
    const op = { opId: randomUUID(), type: 'note.save', note: noteOf(appointment) };
    const first = await ops({ ops: [op] });
    expect(first.results).toEqual([{ opId: op.opId, outcome: 'applied', serverVersion: 1 }]);
    const again = await ops({ ops: [op, op] });
    expect(again.results.map((result) => [result.outcome, result.serverVersion, result.firstOutcome])).toEqual([
      ['duplicate', 1, 'applied'],
      ['duplicate', 1, 'applied'],
    ]);
    const notes = NotesReply.parse(await (await t.request(`/api/v1/notes?appointmentId=${appointment.id}`, { token })).json());
    expect(notes.versions.filter((version) => version.noteId === op.note.noteId)).toHaveLength(1);
    // The author is whoever is signed in, not what the client wrote.
    expect(notes.versions.find((version) => version.noteId === op.note.noteId)?.authorId).toBe('u-av-berger');
  });

  it('keeps a conflicting edit as a further version that points at the one it competed with', async () => {
    const appointment = (await feed()).items[5] as Appointment;
    const base = noteOf(appointment);
    const save = (patch: Partial<NoteVersion>) => ({ opId: randomUUID(), type: 'note.save', note: { ...base, ...patch } });
    expect((await ops({ ops: [save({})] })).results[0]).toMatchObject({ outcome: 'applied', serverVersion: 1 });
    // Laptop A edits version 1 → 2.
    expect((await ops({ ops: [save({ version: 2, baseVersion: 1 })] })).results[0]).toMatchObject({ outcome: 'applied', serverVersion: 2 });
    // Laptop B, offline, also edited version 1: a conflict, stored as version 3.
    const late = save({ version: 2, baseVersion: 1, content: { ...base.content, freeText: 'offline geschrieben' } });
    expect((await ops({ ops: [late] })).results[0]).toMatchObject({ opId: late.opId, outcome: 'conflict', serverVersion: 3 });
    // The answer got lost and the client sends it again: no fourth version, and it still learns of the conflict.
    expect((await ops({ ops: [late] })).results[0]).toMatchObject({ outcome: 'duplicate', serverVersion: 3, firstOutcome: 'conflict' });

    const notes = NotesReply.parse(await (await t.request(`/api/v1/notes?appointmentId=${appointment.id}`, { token })).json());
    const versions = notes.versions.filter((version) => version.noteId === base.noteId);
    expect(versions.map((version) => [version.version, version.conflictOf])).toEqual([
      [1, null],
      [2, null],
      [3, 2],
    ]);
    expect(versions[2]?.content.freeText).toBe('offline geschrieben');
  });

  it('changes channel and records consent, but refuses video for a § 141 first interview', async () => {
    const items = (await feed()).items;
    const alo = items.find((item) => item.type === 'erstgespraech_alo') as Appointment;
    const other = items.find((item) => item.type === 'folgegespraech') as Appointment;
    const at = new Date().toISOString();
    const consent = { appointmentId: other.id, givenAt: at, via: 'telefon', textVersion: '2025-01', withdrawnAt: null };
    const reply = await ops({
      ops: [
        { opId: randomUUID(), type: 'appointment.channel', appointmentId: alo.id, channel: 'video', reason: 'customer_request', at },
        { opId: randomUUID(), type: 'consent.record', consent },
        { opId: randomUUID(), type: 'appointment.channel', appointmentId: other.id, channel: 'video', reason: 'customer_request', at },
      ],
    });
    expect(reply.results.map((result) => result.outcome)).toEqual(['rejected', 'applied', 'applied']);
    expect(reply.results[0]?.error?.code).toBe('ERSTGESPRAECH_ALO_NUR_PRAESENZ');
    const now = (await feed()).items.find((item) => item.id === other.id);
    expect(now).toMatchObject({ channel: 'video', consent });
    expect(await t.server.core.repository.consents.history(other.id)).toContainEqual(consent);
  });

  it('marks held or no-show only once begun (rule of src-shared, with the server clock)', async () => {
    const items = (await feed()).items;
    const begun = items.find((item) => item.status === 'planned' && Date.parse(item.start) < Date.now()) as Appointment;
    const future = { ...begun, id: randomUUID(), start: '2099-01-05T09:00:00+01:00', end: '2099-01-05T10:00:00+01:00' };
    await t.server.core.repository.appointments.put(future);
    const at = new Date().toISOString();
    const reply = await ops({
      ops: [
        { opId: randomUUID(), type: 'appointment.status', appointmentId: begun.id, status: 'held', at },
        { opId: randomUUID(), type: 'appointment.status', appointmentId: future.id, status: 'no_show', at },
        { opId: randomUUID(), type: 'appointment.status', appointmentId: future.id, status: 'cancelled', at },
      ],
    });
    expect(reply.results.map((result) => result.error?.code ?? result.outcome)).toEqual(['applied', 'NOCH_NICHT_BEGONNEN', 'applied']);
    expect((await t.server.core.repository.appointments.get(begun.id))?.status).toBe('held');
    expect((await t.server.core.repository.appointments.get(future.id))?.status).toBe('cancelled');
  });

  it('refuses an opId that another user already used', async () => {
    const mine = (await feed()).items.find((item) => item.status === 'planned') as Appointment;
    const opId = randomUUID();
    const first = await ops({ ops: [{ opId, type: 'appointment.status', appointmentId: mine.id, status: 'cancelled', at: new Date().toISOString() }] });
    expect(first.results[0]?.outcome).toBe('applied');
    const bbToken = await t.login('bb.schulz');
    const theirs = (await feed(undefined, WINDOW, bbToken)).items.find((item) => item.status === 'planned') as Appointment;
    const reply = await ops({ ops: [{ opId, type: 'appointment.status', appointmentId: theirs.id, status: 'cancelled', at: new Date().toISOString() }] }, bbToken);
    expect(reply.results[0]).toMatchObject({ outcome: 'rejected', error: { code: 'OP_ID_REUSED' } });
  });
});
