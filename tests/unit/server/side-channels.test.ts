/**
 * B1 and B2 of issue 13: side channels through which a user without the BPS role could learn of BPS data.
 *  - B1: a note op on one's own appointment with a BPS note's id answered NOTE_APPOINTMENT_MISMATCH, a fresh id
 *    `applied`: the answer told that the id existed. Now note ids are scoped per appointment.
 *  - B2: the feed cursor was readable base64 JSON with the global change counter, so a non-BPS user saw it jump
 *    when BPS data changed. Now it is encrypted and authenticated, fresh on every reply, of fixed length.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { NoteVersion } from '../../../src-shared/domain/note.js';
import { AppointmentFeedReply, NotesReply, OpsReply } from '../../../src-shared/http/sync-api.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const WINDOW = 'from=2026-11-16&to=2026-11-27';
let t: TestServer;
let av: string;
let bps: string;

beforeAll(async () => {
  t = await startTestServer();
  av = await t.login('av.berger');
  bps = await t.login('bps.keller');
});
afterAll(async () => t?.close());

async function feed(as: string, since?: string): Promise<AppointmentFeedReply> {
  const reply = await t.request(`/api/v1/appointments?${WINDOW}${since ? `&since=${encodeURIComponent(since)}` : ''}`, { token: as });
  expect(reply.status).toBe(200);
  return AppointmentFeedReply.parse(await reply.json());
}

async function saveNote(as: string, note: NoteVersion): Promise<unknown> {
  const reply = await t.request('/api/v1/ops', { json: { ops: [{ opId: randomUUID(), type: 'note.save', note }] }, token: as });
  expect(reply.status).toBe(200);
  const [result] = OpsReply.parse(await reply.json()).results;
  // The op id is ours and differs per call; everything else must not.
  const { opId: _opId, ...rest } = result!;
  return rest;
}

function noteOf(appointment: Appointment, noteId: string, freeText: string): NoteVersion {
  return {
    noteId,
    appointmentId: appointment.id,
    version: 1,
    baseVersion: null,
    content: {
      fields: { anlass: 'Folgegespräch', situation: 'Stand besprochen', ziele: 'Bewerbungen', vereinbarungen: 'Drei Bewerbungen', kanal: appointment.channel, dauerMinuten: 45, teilnehmende: ['counsellor', 'customer'] },
      freeText,
    },
    healthData: false,
    authorId: 'wer-auch-immer',
    savedAt: new Date().toISOString(),
    conflictOf: null,
  };
}

const ownAppointment = async (as: string, skip = 0) =>
  (await feed(as)).items.filter((item) => item.type !== 'erstgespraech_alo' && item.type !== 'bps_begutachtung').at(skip) as Appointment;

describe('note ids cannot collide across appointments (B1)', () => {
  it('a BPS note’s id on one’s own appointment answers exactly like a fresh id, and leaves the BPS note alone', async () => {
    const bpsAppointment = await ownAppointment(bps);
    const bpsNoteId = randomUUID();
    await saveNote(bps, { ...noteOf(bpsAppointment, bpsNoteId, 'Befund: vertraulich'), healthData: true });

    const mine = await ownAppointment(av);
    const withForeignId = await saveNote(av, noteOf(mine, bpsNoteId, 'mein Vermerk'));
    const withFreshId = await saveNote(av, noteOf(await ownAppointment(av, 1), randomUUID(), 'mein Vermerk'));
    expect(withForeignId).toEqual(withFreshId);
    expect(withForeignId).toEqual({ outcome: 'applied', serverVersion: 1 });

    const bpsNotes = NotesReply.parse(await (await t.request(`/api/v1/notes?appointmentId=${bpsAppointment.id}`, { token: bps })).json()).versions;
    expect(bpsNotes.filter((note) => note.noteId === bpsNoteId).map((note) => [note.version, note.content.freeText])).toEqual([[1, 'Befund: vertraulich']]);
    const myNotes = NotesReply.parse(await (await t.request(`/api/v1/notes?appointmentId=${mine.id}`, { token: av })).json()).versions;
    expect(myNotes.filter((note) => note.noteId === bpsNoteId).map((note) => note.content.freeText)).toEqual(['mein Vermerk']);
  });
});

describe('the feed cursor reveals nothing (B2)', () => {
  const readable = (cursor: string) => Buffer.from(cursor, 'base64url').toString('latin1');

  it('is neither readable nor telling: fresh on every reply, of one length, with or without BPS changes in between', async () => {
    const start = await feed(av);
    const quiet = await feed(av, start.cursor);
    // BPS work happens meanwhile: in the old cursor, the change counter jumped by as much.
    const bpsAppointment = await ownAppointment(bps);
    for (let n = 0; n < 12; n += 1) await saveNote(bps, { ...noteOf(bpsAppointment, randomUUID(), `Befund ${n}`), healthData: true });
    const afterBps = await feed(av, quiet.cursor);
    expect(afterBps.items).toEqual([]);
    const cursors = [start.cursor, quiet.cursor, afterBps.cursor];
    for (const cursor of cursors) {
      // Neither the counter's field nor the window it was issued for stand in it, in any readable form.
      expect(readable(cursor)).not.toMatch(/"s"|2026-11-16|2026-11-27/);
      expect(() => JSON.parse(readable(cursor)) as unknown).toThrow();
    }
    expect(new Set(cursors).size).toBe(3);
    expect(new Set(cursors.map((cursor) => cursor.length)).size).toBe(1);
  });

  it('is authenticated: a cursor with one bit flipped is not continued (a full snapshot instead)', async () => {
    const start = await feed(av);
    const bytes = Buffer.from(start.cursor, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    const tampered = await feed(av, bytes.toString('base64url'));
    expect(tampered.reset).toBe(true);
    expect(tampered.items.map((item) => item.id).sort()).toEqual(start.items.map((item) => item.id).sort());
    const genuine = await feed(av, start.cursor);
    expect(genuine.reset).toBeUndefined();
  });
});
