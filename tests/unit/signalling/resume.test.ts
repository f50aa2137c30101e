import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, consent, counsellor, createLink, guestResumedOnce, offer, record } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { resumeGraceMs: 1500, heartbeatMs: 1000, helloTimeoutMs: 600 } });
});
afterAll(async () => h.close());

describe('heartbeats, resume and clean close', () => {
  it('a short drop keeps the participant: same id, admission kept, messages sent meanwhile delivered', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const hostLog = record(host.client);
    const down = host.client.next('participant.connection', (m) => !m.connected);
    g.client.dropConnection();
    expect((await down).participantId).toBe(g.welcome.self.id);
    // The counsellor signals while the guest is away: kept for the resume.
    host.client.send({ type: 'signal', to: g.welcome.self.id, data: offer });
    const back = host.client.next('participant.connection', (m) => m.connected);
    const buffered = g.client.next('signal');
    const welcome = await g.client.next('welcome');
    expect(welcome).toMatchObject({ resumed: true, state: 'admitted', self: { id: g.welcome.self.id } });
    expect(welcome.participants.map((p) => p.id)).toEqual([host.welcome.self.id]);
    expect((await back).participantId).toBe(g.welcome.self.id);
    expect((await buffered).data).toEqual(offer);
    expect(hostLog.messages.some((m) => m.type === 'participant.left')).toBe(false);
    await host.client.leave(true);
  });

  it('after the grace period the participant is gone and the resume token no longer works', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const token = g.welcome.resumeToken;
    const left = host.client.next('participant.left', () => true, 5000);
    g.client.destroy();
    expect(await left).toMatchObject({ participantId: g.welcome.self.id, reason: 'timeout' });
    // Resume by hand with the stale token.
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`);
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken: token }, displayName: 'Kundin' }));
    expect(JSON.parse(await reply)).toMatchObject({ type: 'error', code: 'RESUME_FAILED', fatal: true });
    // A close code the client does not resume after (a policy close would look like a network drop to it).
    expect(await closed).toBe(4003);
    await host.client.leave(true);
  });

  it('closes connections that never say hello, and drops peers that stop answering pings', async () => {
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`);
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4001);

    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    // A guest whose socket stays open but never answers a ping (a laptop lid closed, a dead NAT mapping).
    const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId });
    const consentId = await consent(h.url, link.token);
    const mute = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`, { autoPong: false });
    await new Promise((resolve) => mute.once('open', resolve));
    const waiting = host.client.next('waiting.joined');
    mute.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'guest', link: link.token, consentId }, displayName: 'Stumm' }));
    const pid = (await waiting).participant.id;
    const down = host.client.next('participant.connection', (m) => !m.connected, 5000);
    expect((await down).participantId).toBe(pid);
    mute.terminate();
    await host.client.leave(true);
  });
});

/** A resume `hello` by hand, as someone who copied a token would send it: the first answer. */
async function resumeByHand(token: string): Promise<{ reply: { type: string; code?: string; resumed?: boolean }; ws: WebSocket }> {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`);
  await new Promise((resolve) => ws.once('open', resolve));
  const reply = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
  ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken: token }, displayName: 'Kundin' }));
  return { reply: JSON.parse(await reply) as { type: string; code?: string; resumed?: boolean }, ws };
}

describe('resume tokens work once (issue 13, M1)', () => {
  it('a token used for a resume is refused when replayed, and the replay kicks nobody', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const { used, rewelcome } = await guestResumedOnce(host, g);
    expect(rewelcome.resumed).toBe(true);
    // Rotated: the new connection's token is another one.
    expect(rewelcome.resumeToken).not.toBe(used);

    const hostLog = record(host.client);
    const guestLog = record(g.client);
    const { reply, ws } = await resumeByHand(used);
    expect(reply).toMatchObject({ type: 'error', code: 'RESUME_FAILED' });
    ws.terminate();
    // The real guest is still the one in the seat: it was not replaced, and the counsellor saw no drop.
    const ping = g.client.next('pong');
    g.client.send({ type: 'ping', id: 42 });
    expect((await ping).id).toBe(42);
    expect(hostLog.messages.filter((m) => m.type === 'participant.connection' || m.type === 'participant.left')).toEqual([]);
    expect(guestLog.messages.filter((m) => m.type === 'welcome')).toEqual([]);
    await host.client.leave(true);
  });

  it('of two hellos with the same token, exactly one takes the seat', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const token = g.welcome.resumeToken;
    const down = host.client.next('participant.connection', (m) => !m.connected);
    g.client.destroy();
    await down;
    const replies = await Promise.all([resumeByHand(token), resumeByHand(token)]);
    expect(replies.map((r) => r.reply.type).sort()).toEqual(['error', 'welcome']);
    expect(replies.find((r) => r.reply.type === 'error')?.reply.code).toBe('RESUME_FAILED');
    for (const r of replies) r.ws.terminate();
    await host.client.leave(true);
  });

  it('after leave the token is refused', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const left = host.client.next('participant.left', (m) => m.participantId === g.welcome.self.id);
    await g.client.leave();
    expect((await left).reason).toBe('left');
    const { reply, ws } = await resumeByHand(g.welcome.resumeToken);
    expect(reply).toMatchObject({ type: 'error', code: 'RESUME_FAILED' });
    ws.terminate();
    await host.client.leave(true);
  });

  it('a token expires a little after the grace period; the heartbeat hands out fresh ones', async () => {
    // Lifetime here: resumeGraceMs 1500 + 2 × heartbeatMs 1000 = 3.5 s. Five renewals take longer than that.
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const first = g.welcome.resumeToken;
    let latest = first;
    let renewals = 0;
    await new Promise<void>((resolve) =>
      g.client.on('message', (m) => {
        if (m.type !== 'resume.token') return;
        expect(m.resumeToken).not.toBe(latest);
        latest = m.resumeToken;
        if (++renewals === 5) resolve();
      }),
    );
    const expired = await resumeByHand(first);
    expect(expired.reply).toMatchObject({ type: 'error', code: 'RESUME_FAILED' });
    expired.ws.terminate();
    // The newest token still takes the seat (the case of a client that noticed a dead socket before the server).
    const fresh = await resumeByHand(latest);
    expect(fresh.reply).toMatchObject({ type: 'welcome', resumed: true });
    fresh.ws.terminate();
    await host.client.leave(true);
  });
});
