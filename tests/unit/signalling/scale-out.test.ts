/**
 * Two server processes sharing rooms through a real redis-server: a counsellor on one and guests on the other
 * meet, admit, exchange simple-peer signals, resume across processes, and the participant limit holds across
 * both processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../src-shared/http/sync-api.js';
import WebSocket from 'ws';
import { SignallingClient } from '../../../src-main/services/signalling/client.js';
import { startRedis, type RedisServer } from '../../support/redis-server.js';
import { answer, consent, counsellor, createLink, offer } from './flow.js';

let redis: RedisServer;
const nodes: Array<{ child: ChildProcess; url: string }> = [];
const token = `tok-${randomUUID()}`;
const appointmentId = randomUUID();
const user: SessionUser = { id: 'u-scale', displayName: 'Frau Skaliert', role: 'counsellor', fachdienst: 'BB', region: 'RD-BY' };

async function startNode(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/signalling-node.ts'], {
    env: { ...process.env, BR_REDIS_URL: redis.url, BR_USERS: JSON.stringify({ [token]: { user, appointmentId } }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`Serverprozess beendet (${code})`)));
  });
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

beforeAll(async () => {
  redis = await startRedis();
  nodes.push(await startNode(), await startNode());
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map(({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
  await redis?.stop();
});

async function guestOn(url: string, linkFrom: string, role: 'customer' | 'interpreter' | 'carer' = 'customer') {
  const link = await createLink(linkFrom, token, { appointmentId, role });
  const consentId = await consent(url, link.token);
  const client = new SignallingClient({ serverUrl: url, auth: { kind: 'guest', link: link.token, consentId }, displayName: `Gast ${role}` });
  return { client, welcome: await client.connect() };
}

describe('scale-out through Redis', () => {
  it('counsellor on process 1 and guest on process 2 complete a signalling exchange', async () => {
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    expect(one.url).not.toBe(two.url);
    const host = await counsellor(one.url, token, appointmentId);
    // The link is made on process 1, consent and entry happen on process 2 (shared ledger).
    const waiting = host.client.next('waiting.joined');
    const g = await guestOn(two.url, one.url);
    expect((await waiting).participant.id).toBe(g.welcome.self.id);

    const admitted = g.client.next('admitted');
    host.client.send({ type: 'admit', participantId: g.welcome.self.id });
    expect((await admitted).participants.map((p) => p.id)).toEqual([host.welcome.self.id]);

    const gotOffer = host.client.next('signal');
    g.client.send({ type: 'signal', to: host.welcome.self.id, data: offer });
    expect(await gotOffer).toEqual({ type: 'signal', from: g.welcome.self.id, data: offer });
    const gotAnswer = g.client.next('signal');
    host.client.send({ type: 'signal', to: g.welcome.self.id, data: answer });
    expect((await gotAnswer).data).toEqual(answer);

    // A single-use link used on process 2 is used up on process 1 too.
    const single = await createLink(one.url, token, { appointmentId });
    const consentId = await consent(two.url, single.token);
    const first = new SignallingClient({ serverUrl: two.url, auth: { kind: 'guest', link: single.token, consentId }, displayName: 'Erste' });
    await first.connect();
    const second = new SignallingClient({ serverUrl: one.url, auth: { kind: 'guest', link: single.token, consentId }, displayName: 'Zweite', resume: false });
    await expect(second.connect()).rejects.toMatchObject({ code: 'LINK_USED' });

    // The guest drops and resumes on the other process (no sticky session after a load-balancer failover).
    g.client.destroy();
    const raw = new WebSocket(`${one.url.replace('http', 'ws')}/signalling`);
    await new Promise((resolve) => raw.once('open', resolve));
    const welcome = new Promise<Record<string, unknown>>((resolve) => raw.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>)));
    raw.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken: g.welcome.resumeToken }, displayName: 'Gast' }));
    expect(await welcome).toMatchObject({ type: 'welcome', resumed: true, state: 'admitted', self: { id: g.welcome.self.id } });
    const relayed = host.client.next('signal');
    raw.send(JSON.stringify({ type: 'signal', to: host.welcome.self.id, data: offer }));
    expect((await relayed).from).toBe(g.welcome.self.id);
    raw.terminate();
    first.destroy();
    await host.client.leave(true);
  });

  it('holds the participant limit across processes', async () => {
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const host = await counsellor(one.url, token, appointmentId);
    const guests = await Promise.all([guestOn(two.url, one.url), guestOn(one.url, one.url, 'interpreter'), guestOn(two.url, one.url, 'carer'), guestOn(one.url, one.url)]);
    const outcomes: string[] = [];
    host.client.on('message', (m) => {
      if (m.type === 'participant.joined') outcomes.push('joined');
      if (m.type === 'error') outcomes.push(m.code);
    });
    for (const g of guests) host.client.send({ type: 'admit', participantId: g.welcome.self.id });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outcomes.sort()).toEqual(['ROOM_FULL', 'joined', 'joined', 'joined']);
    await host.client.leave(true);
  });
});
