/**
 * `POST /api/v1/waiting-rooms`: the counsellor learns who waits in the rooms of their appointments, and since
 * when, without opening them; nobody learns anything about rooms they may not host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';
import { WaitingRoomsReply } from '../../../src-shared/signalling/waiting-rooms-api.js';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { counsellor, guest, post } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const waitingRooms = async (appointmentIds: string[], token?: string) => post(`${h.url}${API_PREFIX}/waiting-rooms`, { appointmentIds }, token);

describe('waiting rooms', () => {
  it('lists the guests waiting in the host’s rooms, longest first, before and after the room is opened', async () => {
    const c = h.host.counsellor();
    const other = h.host.counsellor('Herr Anders');
    const before = Date.now();
    const customer = await guest(h.url, c.token, c.appointmentId, 'customer', 'Erika Mustermann');
    const interpreter = await guest(h.url, c.token, c.appointmentId, 'interpreter', 'Herr Dolmetscher');
    const elsewhere = await guest(h.url, other.token, other.appointmentId, 'customer', 'Fremde Kundin');

    const reply = WaitingRoomsReply.parse((await waitingRooms([c.appointmentId], c.token)).body);
    expect(reply.guests.map((g) => [g.displayName, g.role, g.appointmentId])).toEqual([
      ['Erika Mustermann', 'customer', c.appointmentId],
      ['Herr Dolmetscher', 'interpreter', c.appointmentId],
    ]);
    expect(Date.parse(reply.guests[0]!.since)).toBeGreaterThanOrEqual(before - 1000);

    // Opening the room changes nothing; admitting takes the guest out of the waiting room.
    const host = await counsellor(h.url, c.token, c.appointmentId);
    host.client.send({ type: 'admit', participantId: customer.welcome.self.id });
    await expect.poll(async () => WaitingRoomsReply.parse((await waitingRooms([c.appointmentId], c.token)).body).guests.map((g) => g.displayName)).toEqual(['Herr Dolmetscher']);

    // Another counsellor's room: left out, and the refusal is audited.
    const asked = WaitingRoomsReply.parse((await waitingRooms([c.appointmentId, other.appointmentId], other.token)).body);
    expect(asked.guests.map((g) => g.displayName)).toEqual(['Fremde Kundin']);
    expect(h.host.denied).toContain(`waiting-rooms.read:${c.appointmentId}`);

    expect((await waitingRooms([c.appointmentId])).status).toBe(401);
    expect((await waitingRooms(['not-an-id'], c.token)).status).toBe(400);
    for (const client of [customer.client, interpreter.client, elsewhere.client, host.client]) await client.leave(false).catch(() => {});
  });
});
