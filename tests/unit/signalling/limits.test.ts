import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerMessage } from '../../../src-shared/signalling/messages.js';
import { turnCredentials } from '../../../src-server/turn/credentials.js';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, counsellor, offer } from './flow.js';
import { createHmac } from 'node:crypto';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { ratePerSecond: 20, rateBurst: 40, maxConsecutiveErrors: 30, maxMessageBytes: 8 * 1024 } });
});
afterAll(async () => h.close());

async function socket() {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`);
  await new Promise((resolve) => ws.once('open', resolve));
  const replies: ServerMessage[] = [];
  ws.on('message', (d) => replies.push(ServerMessage.parse(JSON.parse(String(d)))));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, replies, closed };
}

describe('message size and rate limits', () => {
  it('answers an oversized message with TOO_LARGE and keeps the connection', async () => {
    const s = await socket();
    s.ws.send(JSON.stringify({ type: 'ping', id: 1, pad: 'x'.repeat(9000) }));
    s.ws.send(JSON.stringify({ type: 'ping', id: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(s.replies.map((m) => (m.type === 'error' ? m.code : m.type))).toEqual(['TOO_LARGE', 'pong']);
    s.ws.terminate();
  });

  it('closes the connection (1009) for a frame above the hard limit without reading it', async () => {
    const s = await socket();
    s.ws.send('x'.repeat(1024 * 1024 + 10));
    expect(await s.closed).toBe(1009);
  });

  it('drops messages above the rate with RATE_LIMITED, and closes after a streak of errors', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    let relayed = 0;
    host.client.on('message', (m) => m.type === 'signal' && (relayed += 1));
    const errors: string[] = [];
    g.client.on('message', (m) => m.type === 'error' && errors.push(m.code));
    const started = Date.now();
    for (let i = 0; i < 60; i += 1) g.client.send({ type: 'signal', to: host.welcome.self.id, data: offer });
    const sendingSeconds = (Date.now() - started) / 1000;
    for (const deadline = Date.now() + 5000; relayed + errors.length < 60 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
    // The burst (40, less what hello and admission used, plus the refill of 20/s while sending) passes, the
    // rest is refused and not relayed.
    expect(relayed).toBeLessThanOrEqual(40 + Math.ceil(20 * (sendingSeconds + 0.2)));
    expect(relayed).toBeGreaterThan(30);
    expect(errors.length).toBe(60 - relayed);
    expect(new Set(errors)).toEqual(new Set(['RATE_LIMITED']));

    const s = await socket();
    for (let i = 0; i < 35; i += 1) s.ws.send('{broken');
    expect(await s.closed).toBe(1008);
    const last = s.replies.at(-1);
    expect(last).toMatchObject({ type: 'error', fatal: true });
    expect(s.replies.length).toBe(30);
    await host.client.leave(true);
  });
});

describe('TURN credentials (coturn use-auth-secret)', () => {
  it('are username "<expiry>:<participant>" and base64 HMAC-SHA1 of it with the shared secret', () => {
    const now = Date.UTC(2026, 10, 23, 2, 0, 0);
    const grant = turnCredentials({ secret: 'coturn-static-secret', urls: ['turn:turn.example:3478?transport=udp'], ttlSeconds: 600 }, 'pid123', now);
    const server = grant.iceServers[0]!;
    expect(server.username).toBe(`${now / 1000 + 600}:pid123`);
    expect(server.credential).toBe(createHmac('sha1', 'coturn-static-secret').update(server.username!).digest('base64'));
    expect(grant.expiresAt).toBe(new Date(now + 600_000).toISOString());
    expect(turnCredentials({ secret: '', urls: [], ttlSeconds: 600 }, 'x')).toEqual({ iceServers: [], expiresAt: null });
  });
});
