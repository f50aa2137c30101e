import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, candidate, counsellor, guest, offer, record } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('room isolation and the waiting room', () => {
  it('a participant of room A never receives a message of room B, even when addressing B by participant id', async () => {
    const rooms = await Promise.all(
      ['A', 'B'].map(async (name) => {
        const c = h.host.counsellor(`Beraterin ${name}`);
        const host = await counsellor(h.url, c.token, c.appointmentId);
        const hostLog = record(host.client);
        const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId, 'customer', `Kunde ${name}`);
        const guestLog = record(g.client);
        const waiting = await guest(h.url, c.token, c.appointmentId, 'carer', `Wartend ${name}`);
        const waitingLog = record(waiting.client);
        return { name, c, host, hostLog, g, guestLog, waiting, waitingLog, ids: [host.welcome.self.id, g.welcome.self.id, waiting.welcome.self.id] };
      }),
    );
    const [a, b] = rooms as [(typeof rooms)[0], (typeof rooms)[0]];

    // Normal traffic in both rooms.
    for (const r of rooms) {
      r.g.client.send({ type: 'signal', to: r.host.welcome.self.id, data: offer });
      r.host.client.send({ type: 'signal', to: r.g.welcome.self.id, data: candidate });
    }
    // Hostile traffic: A's participants address B's participants directly.
    const errors = a.g.client.next('error');
    a.g.client.send({ type: 'signal', to: b.host.welcome.self.id, data: offer });
    expect(await errors).toMatchObject({ code: 'UNKNOWN_PARTICIPANT' });
    a.host.client.send({ type: 'signal', to: b.g.welcome.self.id, data: offer });
    a.host.client.send({ type: 'admit', participantId: b.waiting.welcome.self.id });
    a.host.client.send({ type: 'refuse', participantId: b.waiting.welcome.self.id, reason: 'other' });
    a.host.client.send({ type: 'remove', participantId: b.g.welcome.self.id });
    await settle();

    for (const [mine, theirs] of [
      [a, b],
      [b, a],
    ] as const) {
      const received = JSON.stringify([mine.hostLog.messages, mine.guestLog.messages, mine.waitingLog.messages]);
      for (const id of theirs.ids) expect(received).not.toContain(id);
      expect(received).not.toContain(theirs.name === 'A' ? 'Kunde A' : 'Kunde B');
    }
    // B is untouched: the waiting guest still waits, the admitted guest is still in.
    expect(b.waitingLog.messages.map((m) => m.type)).toEqual([]);
    expect(b.guestLog.messages.filter((m) => m.type === 'room.closed')).toEqual([]);
    expect(a.hostLog.messages.filter((m) => m.type === 'error').map((m) => (m.type === 'error' ? m.code : ''))).toEqual(['UNKNOWN_PARTICIPANT', 'UNKNOWN_PARTICIPANT', 'UNKNOWN_PARTICIPANT', 'UNKNOWN_PARTICIPANT']);
    // …and the relay inside each room still worked.
    expect(a.hostLog.messages.some((m) => m.type === 'signal' && m.from === a.g.welcome.self.id)).toBe(true);
    expect(b.guestLog.messages.some((m) => m.type === 'signal' && m.from === b.host.welcome.self.id)).toBe(true);
    for (const r of rooms) await r.host.client.leave(true);
  });

  it('a guest cannot act before admission; a refused guest gets a clear message and is disconnected', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const hostLog = record(host.client);
    const g = await guest(h.url, c.token, c.appointmentId);
    const gLog = record(g.client);
    g.client.send({ type: 'signal', to: host.welcome.self.id, data: offer });
    g.client.send({ type: 'ice.refresh' });
    g.client.send({ type: 'admit', participantId: g.welcome.self.id });
    g.client.send({ type: 'refuse', participantId: g.welcome.self.id, reason: 'other' });
    g.client.send({ type: 'close' });
    await settle();
    expect(gLog.messages.map((m) => (m.type === 'error' ? `${m.code}:${m.ref}` : m.type))).toEqual([
      'NOT_ADMITTED:signal',
      'NOT_ADMITTED:ice.refresh',
      'NOT_COUNSELLOR:admit',
      'NOT_COUNSELLOR:refuse',
      'NOT_COUNSELLOR:close',
    ]);
    // Nothing the waiting guest sent reached the counsellor, and the counsellor cannot signal to it either.
    expect(hostLog.messages.filter((m) => m.type === 'signal')).toEqual([]);
    const notYet = host.client.next('error');
    host.client.send({ type: 'signal', to: g.welcome.self.id, data: offer });
    expect(await notYet).toMatchObject({ code: 'UNKNOWN_PARTICIPANT' });
    expect(gLog.messages.filter((m) => m.type === 'signal')).toEqual([]);
    // A waiting guest learns nothing about who is in the call.
    expect(g.welcome.participants).toEqual([]);

    const refused = g.client.next('refused');
    const closed = new Promise<string>((resolve) => g.client.on('state', (s) => s === 'closed' && resolve(s)));
    const gone = host.client.next('waiting.left');
    host.client.send({ type: 'refuse', participantId: g.welcome.self.id, reason: 'reschedule' });
    expect((await refused).reason).toBe('reschedule');
    expect(await closed).toBe('closed');
    expect((await gone).participantId).toBe(g.welcome.self.id);
    await host.client.leave(true);
  });

  it('a guest waiting before the counsellor arrives is listed in the counsellor welcome', async () => {
    const c = h.host.counsellor();
    // The link is made by the counsellor (HTTP) before opening the room.
    const g = await guest(h.url, c.token, c.appointmentId, 'customer', 'Frühe Kundin');
    const host = await counsellor(h.url, c.token, c.appointmentId);
    expect(host.welcome.waiting).toEqual([{ id: g.welcome.self.id, role: 'customer', displayName: 'Frühe Kundin', connected: true }]);
    await host.client.leave(true);
  });
});
