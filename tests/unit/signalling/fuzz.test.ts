/**
 * Hostile input: ≥ 10,000 malformed, oversized and out-of-order messages from many connections, while two
 * rooms hold a consultation. Every bad message gets an error reply, nothing reaches another room, the server
 * stays up and the consultations go on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerMessage } from '../../../src-shared/signalling/messages.js';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, candidate, consent, counsellor, createLink, guestResumedOnce, offer, record } from './flow.js';

let h: Harness;
beforeAll(async () => {
  // Rate limit and error-streak closing are proven in limits.test.ts; here they would only slow the flood.
  h = await startHarness({ settings: { ratePerSecond: 100_000, rateBurst: 100_000, maxConsecutiveErrors: 1_000_000 } });
});
afterAll(async () => h.close());

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function hostileMessages(count: number, seed: number, ids: string[], link: string): Array<string | Buffer> {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const junk = () => pick([null, 0, -1, 1e308, '', 'x'.repeat(300), [], {}, true, { $gt: '' }, '__proto__', '\u0000', '\ud800']);
  const makers: Array<() => string | Buffer> = [
    () => '{' + 'x'.repeat(Math.floor(r() * 50)),
    () => 'null',
    () => '[]',
    () => String(Math.floor(r() * 1000)),
    () => '"hello"',
    () => Buffer.from([0xff, 0xfe, Math.floor(r() * 255)]),
    () => JSON.stringify({ type: pick(['hello', 'admit', 'signal', 'ping', 'nope', 'welcome', 'error', '__proto__', 'constructor']), [pick(['to', 'v', 'auth', 'data', 'x'])]: junk() }),
    () => JSON.stringify({ type: 'signal', to: pick(ids), data: { type: 'offer', sdp: 'v=0' } }),
    () => JSON.stringify({ type: 'signal', to: pick(ids), data: { type: 'candidate', candidate: junk() } }),
    () => JSON.stringify({ type: 'admit', participantId: pick(ids) }),
    () => JSON.stringify({ type: 'close' }),
    () => JSON.stringify({ type: 'leave', extra: 1 }),
    () => JSON.stringify({ type: 'hello', v: 2, auth: { kind: 'guest', link, consentId: 'nope' }, displayName: 'x' }),
    () => JSON.stringify({ type: 'hello', v: 1, auth: { kind: pick(['counsellor', 'guest', 'resume', 'admin']), token: junk(), link: junk(), resumeToken: junk() }, displayName: junk() }),
    () => JSON.stringify({ __proto__: { type: 'admit' }, constructor: { prototype: { polluted: true } } }),
    () => JSON.stringify({ type: 'ping', id: pick([-1, 1.5, 'a', 2 ** 60]) }),
    // Oversized: above the 64 KiB message limit, below the hard frame limit.
    () => JSON.stringify({ type: 'signal', to: pick(ids), data: { type: 'offer', sdp: 'a'.repeat(70_000 + Math.floor(r() * 1000)) } }),
    () => JSON.stringify({ type: 'signal', to: pick(ids), data: { type: 'offer', sdp: 'a'.repeat(60_001) } }),
  ];
  return Array.from({ length: count }, () => pick(makers)());
}

async function flood(url: string, messages: Array<string | Buffer>): Promise<{ errors: number; nonErrors: string[] }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/signalling`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let errors = 0;
  const nonErrors: string[] = [];
  const done = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const parsed = ServerMessage.parse(JSON.parse(String(data)));
      if (parsed.type === 'error') errors += 1;
      else nonErrors.push(parsed.type);
      if (errors + nonErrors.length === messages.length) resolve();
    });
    ws.once('close', () => resolve());
  });
  for (const m of messages) ws.send(m);
  await done;
  ws.terminate();
  return { errors, nonErrors };
}

describe('fuzz: malformed, oversized and out-of-order messages', () => {
  it('answers 10,000+ hostile messages with errors, stays up, keeps other rooms isolated and working', { timeout: 120_000 }, async () => {
    const rooms = [];
    for (const name of ['A', 'B']) {
      const c = h.host.counsellor(`Beraterin ${name}`);
      const host = await counsellor(h.url, c.token, c.appointmentId);
      const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
      rooms.push({ c, host, g, hostLog: record(host.client), guestLog: record(g.client) });
    }
    const ids = rooms.flatMap((r) => [r.host.welcome.self.id, r.g.welcome.self.id]);
    const spare = await createLink(h.url, rooms[0]!.c.token, { appointmentId: rooms[0]!.c.appointmentId, maxUses: 20 });
    await consent(h.url, spare.token);

    // Connections that never complete a hello: a hello with a bad link or version is fatal and closes the
    // connection, so new connections keep coming until 10,000 messages were answered. Every answer is an error.
    const batches: Array<{ errors: number; nonErrors: string[] }> = [];
    let total = 0;
    for (let seed = 1000; total < 10_000; seed += 4) {
      const round = await Promise.all([0, 1, 2, 3].map((i) => flood(h.url, hostileMessages(1300, seed + i, ids, spare.token))));
      batches.push(...round);
      total += round.reduce((n, b) => n + b.errors + b.nonErrors.length, 0);
    }
    const errors = batches.reduce((n, b) => n + b.errors, 0);
    expect(batches.flatMap((b) => b.nonErrors)).toEqual([]);
    expect(errors).toBe(total);

    // Connections that did join (as waiting guests) and then misbehave: out-of-order admin messages.
    const insiders = await Promise.all(
      rooms.map(async (r) => {
        const link = await createLink(h.url, r.c.token, { appointmentId: r.c.appointmentId });
        const consentId = await consent(h.url, link.token);
        const ws = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`);
        await new Promise((resolve) => ws.once('open', resolve));
        const replies: ServerMessage[] = [];
        ws.on('message', (d) => replies.push(ServerMessage.parse(JSON.parse(String(d)))));
        ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'guest', link: link.token, consentId }, displayName: 'Störer' }));
        const hostile = hostileMessages(1200, 77, ids, link.token).filter((m) => !String(m).includes('"hello"'));
        for (const m of hostile) ws.send(m);
        await new Promise((resolve) => setTimeout(resolve, 200));
        while (replies.length < hostile.length + 1) await new Promise((resolve) => setTimeout(resolve, 50));
        ws.terminate();
        return { replies, sent: hostile.length };
      }),
    );
    let insiderMessages = 0;
    for (const { replies, sent } of insiders) {
      insiderMessages += sent;
      // Invalid frames are answered at once, valid ones after the hello (in order): one welcome, the rest errors.
      expect(replies.filter((m) => m.type === 'welcome')).toHaveLength(1);
      expect(replies.filter((m) => m.type !== 'welcome').every((m) => m.type === 'error')).toBe(true);
      expect(replies).toHaveLength(sent + 1);
    }
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(insiderMessages).toBeGreaterThan(2000);

    // The consultations still work, and neither room saw anything of the flood or of the other room.
    for (const [i, r] of rooms.entries()) {
      const got = r.host.client.next('signal');
      r.g.client.send({ type: 'signal', to: r.host.welcome.self.id, data: offer });
      expect((await got).from).toBe(r.g.welcome.self.id);
      const back = r.g.client.next('signal');
      r.host.client.send({ type: 'signal', to: r.g.welcome.self.id, data: candidate });
      expect((await back).data).toEqual(candidate);
      const other = rooms[1 - i]!;
      const seen = JSON.stringify([...r.hostLog.messages, ...r.guestLog.messages]);
      expect(seen).not.toContain(other.host.welcome.self.id);
      expect(seen).not.toContain(other.g.welcome.self.id);
      expect(r.guestLog.messages.filter((m) => m.type === 'signal').every((m) => m.type === 'signal' && m.from === r.host.welcome.self.id)).toBe(true);
      expect(r.hostLog.messages.filter((m) => m.type === 'signal').every((m) => m.type === 'signal' && m.from === r.g.welcome.self.id)).toBe(true);
    }
    // A new consultation can still start.
    const c = h.host.counsellor();
    const fresh = await counsellor(h.url, c.token, c.appointmentId);
    expect(fresh.welcome.state).toBe('admitted');
  });
});

/** One resume attempt on a connection of its own (a failed hello closes it): the types of the replies. */
async function tryResume(url: string, resumeToken: string): Promise<string[]> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/signalling`);
  const replies: string[] = [];
  ws.on('message', (data) => replies.push(ServerMessage.parse(JSON.parse(String(data))).type));
  ws.on('error', () => undefined);
  await new Promise((resolve) => ws.once('open', resolve));
  const closed = new Promise((resolve) => ws.once('close', resolve));
  ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken }, displayName: 'Dieb' }));
  await closed;
  return replies;
}

describe('fuzz: replayed and mutated resume tokens (issue 13, M1)', () => {
  it('300 replays and mutations of real resume tokens never take the seat, and the real guest stays on', { timeout: 120_000 }, async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    // A token that was used for a resume, and the one the guest holds now.
    const { used, rewelcome } = await guestResumedOnce(host, g);
    const current = rewelcome.resumeToken;
    const hostLog = record(host.client);

    const r = rng(4242);
    const flip = (token: string, at: number) => {
      const chars = token.split('');
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      chars[at] = alphabet[(alphabet.indexOf(chars[at]!) + 1 + Math.floor(r() * 62)) % 64]!;
      return chars.join('');
    };
    const [body, mac] = current.split('.') as [string, string];
    const otherBody = used.split('.')[0]!;
    const makers: Array<() => string> = [
      () => used,
      () => flip(current, Math.floor(r() * body.length)),
      () => flip(current, body.length + 1 + Math.floor(r() * mac.length)),
      () => current.slice(0, Math.max(1, Math.floor(r() * current.length))),
      () => current + 'A'.repeat(1 + Math.floor(r() * 4)),
      () => `${otherBody}.${mac}`,
      () => `${body}.${used.split('.')[1]}`,
      // The claim rewritten by hand: a later expiry, under the MAC of the original.
      () => `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), e: Date.now() + 86_400_000 })).toString('base64url')}.${mac}`,
    ];
    const outcomes: string[][] = [];
    for (let round = 0; round < 12; round += 1) {
      outcomes.push(...(await Promise.all(Array.from({ length: 25 }, () => tryResume(h.url, makers[Math.floor(r() * makers.length)]!())))));
    }
    expect(outcomes).toHaveLength(300);
    expect(outcomes.filter((replies) => replies.includes('welcome'))).toEqual([]);
    expect(outcomes.every((replies) => replies.length > 0 && replies.every((type) => type === 'error'))).toBe(true);

    // The guest was never replaced: its connection answers, and the counsellor saw no drop.
    const pong = g.client.next('pong');
    g.client.send({ type: 'ping', id: 9 });
    expect((await pong).id).toBe(9);
    expect(hostLog.messages.filter((m) => m.type === 'participant.connection' || m.type === 'participant.left')).toEqual([]);
    await g.client.leave();
    await host.client.leave(true);
  });
});
