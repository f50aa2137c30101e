import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, consent, counsellor, createLink, offer, record } from './flow.js';

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
    ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken: token }, displayName: 'Kundin' }));
    expect(JSON.parse(await reply)).toMatchObject({ type: 'error', code: 'RESUME_FAILED', fatal: true });
    ws.terminate();
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
