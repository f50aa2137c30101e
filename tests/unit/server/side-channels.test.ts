/**
 * Side channels of issue 13 through which a user without the BPS role could learn of BPS data.
 *  - B1: a note op on one's own appointment with a BPS note's id answered NOTE_APPOINTMENT_MISMATCH, a fresh id
 *    `applied`: the answer told that the id existed. Now note ids are scoped per appointment.
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
