/**
 * A server process that dies without cleaning up (SIGKILL) must not leave ghosts in a shared room: with a real
 * redis-server, process B is killed while it serves guests, and process A adopts them once B's liveness key has
 * lapsed. The counsellor on A sees them drop and, after the grace period, leave; their places are free again.
 * A guest of the dead process who resumes on A in time keeps its place; a live process's participants — even
 * one whose socket dropped — are never taken away, and a process that was only frozen claims its own back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SessionUser } from '../../../src-shared/http/sync-api.js';
import { SignallingClient } from '../../../src-main/services/signalling/client.js';
import { startRedis, type RedisServer } from '../../support/redis-server.js';
import { consent, counsellor, createLink, offer } from './flow.js';

/** Short, so a crash is noticed within a second; the grace period stays long enough for a resume. */
const LIVENESS = { ttlMs: 600, refreshMs: 150 };
const GRACE_MS = 6000;
/** Generous upper bound for anything that needs TTL + sweep + grace to happen. */
const EVENT_TIMEOUT_MS = 20_000;

interface Node {
  child: ChildProcess;
  url: string;
}

let redis: RedisServer;
let inspect: Redis;
let a: Node;
const started: Node[] = [];
const users: Record<string, { user: SessionUser; appointmentId: string }> = {};
for (const name of ['live', 'crash', 'resume', 'frozen']) {
  users[name] = { user: { id: `u-${name}`, displayName: `Frau ${name}`, role: 'counsellor', fachdienst: 'BB', region: 'RD-BY' }, appointmentId: randomUUID() };
}
const tokenOf = (name: string) => `tok-${name}`;

async function startNode(): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/signalling-node.ts'], {
    env: {
      ...process.env,
      BR_REDIS_URL: redis.url,
      BR_USERS: JSON.stringify(Object.fromEntries(Object.entries(users).map(([name, u]) => [tokenOf(name), u]))),
      BR_SETTINGS: JSON.stringify({ resumeGraceMs: GRACE_MS, maxParticipants: 2, livenessTtlMs: LIVENESS.ttlMs, livenessRefreshMs: LIVENESS.refreshMs }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`Serverprozess beendet (${code})`)));
  });
  const node = { child, url: (JSON.parse(line) as { url: string }).url };
  started.push(node);
  return node;
}

/** Power loss: no close handlers, no goodbye to Redis, no timers left running. */
async function crash(node: Node): Promise<void> {
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  redis = await startRedis();
  inspect = new Redis(redis.url);
  a = await startNode();
}, 60_000);

afterAll(async () => {
  inspect?.disconnect();
  await Promise.all(started.map(({ child }) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
  await redis?.stop();
});

/** A guest whose link comes from process A and who enters on `url`; `resume: false` so a killed server stays gone. */
async function guestOn(url: string, name: string, role: 'customer' | 'interpreter' | 'carer' = 'customer') {
  const { appointmentId } = users[name]!;
  const link = await createLink(a.url, tokenOf(name), { appointmentId, role });
  const consentId = await consent(url, link.token);
  const client = new SignallingClient({ serverUrl: url, auth: { kind: 'guest', link: link.token, consentId }, displayName: `Gast ${role}`, resume: false });
  return { client, welcome: await client.connect() };
}

async function hostOnA(name: string) {
  return counsellor(a.url, tokenOf(name), users[name]!.appointmentId);
}

async function admit(host: Awaited<ReturnType<typeof hostOnA>>, guest: Awaited<ReturnType<typeof guestOn>>) {
  const admitted = guest.client.next('admitted');
  const joined = host.client.next('participant.joined', (m) => m.participant.id === guest.welcome.self.id);
  host.client.send({ type: 'admit', participantId: guest.welcome.self.id });
  await Promise.all([admitted, joined]);
}

async function roomEntries(name: string): Promise<Array<{ id: string; connected: boolean; proc?: string }>> {
  const values = await inspect.hvals(`br:sig:room:${users[name]!.appointmentId}`);
  return values.map((v) => JSON.parse(v) as { id: string; connected: boolean; proc?: string });
}

/** Resume a participant over a bare socket on `url` (a load balancer sending the client to another process). */
async function resumeOn(url: string, resumeToken: string): Promise<{ ws: WebSocket; welcome: Record<string, unknown> }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/signalling`);
  await new Promise((resolve) => ws.once('open', resolve));
  const welcome = new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>)));
  ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken }, displayName: 'Gast' }));
  return { ws, welcome: await welcome };
}

describe('crashed signalling processes (Redis)', () => {
  it('never takes participants away from a live process, not even one whose socket dropped', async () => {
    const b = await startNode();
    const host = await hostOnA('live');
    const seen: string[] = [];
    host.client.on('message', (m) => {
      if (m.type === 'participant.connection' || m.type === 'participant.left' || m.type === 'waiting.left') seen.push(`${m.type}:${m.participantId}`);
    });
    const connected = await guestOn(b.url, 'live');
    await admit(host, connected);
    const dropped = await guestOn(b.url, 'live', 'interpreter');
    const drop = host.client.next('participant.connection', (m) => m.participantId === dropped.welcome.self.id && !m.connected);
    dropped.client.destroy();
    await drop;

    // Several liveness TTLs pass, with A sweeping the room all along; then a join on A reads the room once more.
    await new Promise((resolve) => setTimeout(resolve, 4 * LIVENESS.ttlMs));
    const late = await guestOn(a.url, 'live', 'carer');
    expect(late.welcome.state).toBe('waiting');
    expect(await inspect.keys('br:sig:proc:*')).toHaveLength(2);
    expect(seen).toEqual([`participant.connection:${dropped.welcome.self.id}`]);
    const entries = await roomEntries('live');
    expect(entries.find((e) => e.id === connected.welcome.self.id)).toMatchObject({ connected: true });
    expect(entries.find((e) => e.id === dropped.welcome.self.id)).toMatchObject({ connected: false });
    const owners = new Set(entries.filter((e) => e.id === connected.welcome.self.id || e.id === dropped.welcome.self.id).map((e) => e.proc));
    expect(owners.size).toBe(1);
    expect(entries.find((e) => e.id === late.welcome.self.id)?.proc).not.toBe([...owners][0]);

    // The dropped guest's place is still there within the grace period.
    const resumed = await resumeOn(b.url, dropped.welcome.resumeToken);
    expect(resumed.welcome).toMatchObject({ type: 'welcome', resumed: true, self: { id: dropped.welcome.self.id } });
    resumed.ws.terminate();
    connected.client.destroy();
    late.client.destroy();
    await host.client.leave(true);
  }, 60_000);

  it('hands the participants of a killed process to a live one, which frees their places after the grace period', async () => {
    const b = await startNode();
    const host = await hostOnA('crash');
    const inCall = await guestOn(b.url, 'crash');
    await admit(host, inCall);
    const waitingOnB = await guestOn(b.url, 'crash', 'interpreter');
    const waitingOnA = await guestOn(a.url, 'crash', 'carer');

    // The room holds two (maxParticipants 2): counsellor and the guest on B.
    const full = host.client.next('error');
    host.client.send({ type: 'admit', participantId: waitingOnA.welcome.self.id });
    expect((await full).code).toBe('ROOM_FULL');

    const dropped = host.client.next('participant.connection', (m) => m.participantId === inCall.welcome.self.id && !m.connected, EVENT_TIMEOUT_MS);
    const left = host.client.next('participant.left', (m) => m.participantId === inCall.welcome.self.id, EVENT_TIMEOUT_MS);
    const waitingLeft = host.client.next('waiting.left', (m) => m.participantId === waitingOnB.welcome.self.id, EVENT_TIMEOUT_MS);
    await crash(b);
    inCall.client.destroy();
    waitingOnB.client.destroy();

    // Nobody joins or admits meanwhile: A's periodic sweep finds the orphans by itself.
    await dropped;
    expect(await left).toMatchObject({ reason: 'timeout' });
    await waitingLeft;
    expect((await roomEntries('crash')).map((e) => e.id).sort()).toEqual([host.welcome.self.id, waitingOnA.welcome.self.id].sort());

    await admit(host, waitingOnA);
    waitingOnA.client.destroy();
    await host.client.leave(true);
  }, 60_000);

  it('keeps the place of a killed process\'s guest who resumes on another process', async () => {
    const b = await startNode();
    const host = await hostOnA('resume');
    const guest = await guestOn(b.url, 'resume');
    await admit(host, guest);
    const left: string[] = [];
    host.client.on('message', (m) => {
      if (m.type === 'participant.left') left.push(m.participantId);
    });
    await crash(b);
    guest.client.destroy();
    // Only once A has adopted the guest (the crash is noticed), the guest comes back through A.
    await host.client.next('participant.connection', (m) => m.participantId === guest.welcome.self.id && !m.connected, EVENT_TIMEOUT_MS);
    const back = host.client.next('participant.connection', (m) => m.participantId === guest.welcome.self.id && m.connected, EVENT_TIMEOUT_MS);
    const resumed = await resumeOn(a.url, guest.welcome.resumeToken);
    expect(resumed.welcome).toMatchObject({ type: 'welcome', resumed: true, state: 'admitted', self: { id: guest.welcome.self.id } });
    await back;

    // Past the grace period the adopted place is still the guest's, and signals flow.
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 2 * LIVENESS.ttlMs));
    expect(left).toEqual([]);
    expect((await roomEntries('resume')).find((e) => e.id === guest.welcome.self.id)).toMatchObject({ connected: true });
    const relayed = host.client.next('signal');
    resumed.ws.send(JSON.stringify({ type: 'signal', to: host.welcome.self.id, data: offer }));
    expect((await relayed).from).toBe(guest.welcome.self.id);
    resumed.ws.terminate();
    await host.client.leave(true);
  }, 60_000);

  it('lets a process that was taken for dead while frozen claim its participants back', async () => {
    const b = await startNode();
    const host = await hostOnA('frozen');
    const guest = await guestOn(b.url, 'frozen');
    await admit(host, guest);
    const left: string[] = [];
    host.client.on('message', (m) => {
      if (m.type === 'participant.left') left.push(m.participantId);
    });
    const ownerBefore = (await roomEntries('frozen')).find((e) => e.id === guest.welcome.self.id)?.proc;

    // A stopped process (long pause, cut off from Redis) beats no more: A adopts its guest …
    const adopted = host.client.next('participant.connection', (m) => m.participantId === guest.welcome.self.id && !m.connected, EVENT_TIMEOUT_MS);
    b.child.kill('SIGSTOP');
    try {
      await adopted;
    } finally {
      b.child.kill('SIGCONT');
    }
    // … and B, running again, finds its key lapsed and binds the guest's still open socket anew.
    await host.client.next('participant.connection', (m) => m.participantId === guest.welcome.self.id && m.connected, EVENT_TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 2 * LIVENESS.ttlMs));
    expect(left).toEqual([]);
    expect((await roomEntries('frozen')).find((e) => e.id === guest.welcome.self.id)).toMatchObject({ connected: true, proc: ownerBefore });
    const relayed = host.client.next('signal');
    guest.client.send({ type: 'signal', to: host.welcome.self.id, data: offer });
    expect((await relayed).from).toBe(guest.welcome.self.id);
    guest.client.destroy();
    await host.client.leave(true);
  }, 60_000);
});
