import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, answer, candidate, counsellor, guest, offer } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('signalling: a consultation from opening to closing', () => {
  it('counsellor opens, guest waits, is admitted, both exchange simple-peer signals, guest leaves, room closes', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    expect(host.welcome).toMatchObject({ state: 'admitted', roomId: c.appointmentId, self: { role: 'counsellor', displayName: 'Frau Beispiel' }, participants: [], waiting: [] });
    expect(host.welcome.iceServers[0]?.username).toMatch(/^\d+:/);

    const waitingSeen = host.client.next('waiting.joined');
    const g = await guest(h.url, c.token, c.appointmentId, 'customer', 'Herr Kunde');
    expect(g.welcome).toMatchObject({ state: 'waiting', self: { role: 'customer', displayName: 'Herr Kunde' }, participants: [], waiting: [], iceServers: [] });
    expect((await waitingSeen).participant).toMatchObject({ id: g.welcome.self.id, role: 'customer' });

    const admitted = g.client.next('admitted');
    const joined = host.client.next('participant.joined');
    host.client.send({ type: 'admit', participantId: g.welcome.self.id });
    expect((await admitted).participants.map((p) => p.id)).toEqual([host.welcome.self.id]);
    expect((await admitted).iceServers[0]?.credential).toBeTruthy();
    expect((await joined).participant.id).toBe(g.welcome.self.id);

    // The newcomer calls everybody in its list; answers and candidates flow back.
    const gotOffer = host.client.next('signal');
    g.client.send({ type: 'signal', to: host.welcome.self.id, data: offer });
    expect(await gotOffer).toEqual({ type: 'signal', from: g.welcome.self.id, data: offer });
    const gotAnswer = g.client.next('signal');
    host.client.send({ type: 'signal', to: g.welcome.self.id, data: answer });
    expect((await gotAnswer).data).toEqual(answer);
    const gotCandidate = g.client.next('signal');
    host.client.send({ type: 'signal', to: g.welcome.self.id, data: candidate });
    expect((await gotCandidate).data).toEqual(candidate);

    const refreshed = g.client.next('ice.servers');
    g.client.send({ type: 'ice.refresh' });
    expect((await refreshed).iceServers[0]?.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);

    const pong = g.client.next('pong');
    g.client.send({ type: 'ping', id: 7 });
    expect((await pong).id).toBe(7);

    const left = host.client.next('participant.left');
    await g.client.leave();
    expect(await left).toMatchObject({ participantId: g.welcome.self.id, reason: 'left' });
    await host.client.leave(true);
  });

  it('ends the room for everybody when the counsellor closes it, and refuses guests until it is opened again', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const closed = g.client.next('room.closed');
    await host.client.leave(true);
    expect((await closed).reason).toBe('ended');
    await expect(guest(h.url, c.token, c.appointmentId)).rejects.toMatchObject({ code: 'ROOM_CLOSED' });
    const again = await counsellor(h.url, c.token, c.appointmentId);
    expect(again.welcome.participants).toEqual([]);
    await again.client.leave(true);
  });

  it('refuses a counsellor with a bad token or a foreign appointment', async () => {
    const c = h.host.counsellor();
    const other = h.host.counsellor('Herr Anders');
    await expect(counsellor(h.url, 'tok-nonsense-token', c.appointmentId)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(counsellor(h.url, other.token, c.appointmentId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(h.host.denied).toContain(`signalling.open:${c.appointmentId}`);
  });

  it('caps the admitted participants at maxParticipants (4) and names the reason', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const hc = { client: host.client, token: c.token };
    await admittedGuest(h.url, hc, c.appointmentId, 'customer');
    await admittedGuest(h.url, hc, c.appointmentId, 'interpreter', 'Dolmetscherin');
    const carer = await admittedGuest(h.url, hc, c.appointmentId, 'carer', 'Betreuer');
    expect(carer.admitted.participants.map((p) => p.role).sort()).toEqual(['counsellor', 'customer', 'interpreter']);
    const fifth = await guest(h.url, c.token, c.appointmentId);
    const error = host.client.next('error');
    host.client.send({ type: 'admit', participantId: fifth.welcome.self.id });
    expect(await error).toMatchObject({ code: 'ROOM_FULL', ref: 'admit', fatal: false });
    await host.client.leave(true);
  });
});
