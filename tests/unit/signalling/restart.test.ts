/**
 * A server process restarted during a call, its rooms in its data folder (one process) or in Redis: the clients
 * resume by themselves into the same places (admission kept, the waiting guest still waiting), a participant that
 * does not come back leaves after the grace period, and one that comes back after the end learns that it ended.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConnectionState } from '../../../src-shared/signalling/client.js';
import { startRedis, type RedisServer } from '../../support/redis-server.js';
import { FakeHost, startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, counsellor, guest } from './flow.js';

const settings = { resumeGraceMs: 4000, heartbeatMs: 1000 };
const dirs: string[] = [];
const running: Harness[] = [];
let redis: RedisServer;
/** Where the rooms live for the process under test: its data folder, or the Redis both processes share. */
let backend: 'file' | 'redis' = 'file';

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((h) => h.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dataDir: string, host: FakeHost, port?: number): Promise<Harness> {
  const h = await startHarness({ settings, host, ...(backend === 'redis' ? { redisUrl: redis.url } : { dataDir }), ...(port ? { port } : {}) });
  running.push(h);
  return h;
}

async function restart(h: Harness, dataDir: string): Promise<Harness> {
  const port = (h.server.address() as AddressInfo).port;
  running.splice(running.indexOf(h), 1);
  await h.close();
  return start(dataDir, h.host, port);
}

const stateReached = (client: { state: ConnectionState; on(event: 'state', listener: (state: ConnectionState) => void): () => void }, wanted: ConnectionState) =>
  new Promise<void>((resolve) => {
    if (client.state === wanted) return resolve();
    const off = client.on('state', (state) => {
      if (state === wanted) {
        off();
        resolve();
      }
    });
  });

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beratungsraum-rooms-'));
  dirs.push(dir);
  return dir;
}

describe.each(['file', 'redis'] as const)('a restarted server, rooms in %s', (where) => {
  beforeAll(() => {
    backend = where;
  });

  it('takes the participants back where they were', async () => {
    const dataDir = tempDir();
    let h = await start(dataDir, new FakeHost());
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const admitted = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId, 'customer', 'Max Mustermann');
    const waiting = await guest(h.url, c.token, c.appointmentId, 'interpreter', 'Ayşe Demir');

    const resumed = [host.client, admitted.client, waiting.client].map((client) => client.next('welcome', (m) => m.resumed, 15_000));
    h = await restart(h, dataDir);
    const [hostBack, admittedBack, waitingBack] = await Promise.all(resumed);

    expect(hostBack!.self.id).toBe(host.welcome.self.id);
    expect(admittedBack).toMatchObject({ state: 'admitted', self: { id: admitted.welcome.self.id } });
    expect(waitingBack).toMatchObject({ state: 'waiting', self: { id: waiting.welcome.self.id } });
    await Promise.all([host.client, admitted.client, waiting.client].map((client) => stateReached(client, 'open')));
    // Still the same room: the counsellor admits the waiting guest, and the admitted one hears of it.
    const joined = admitted.client.next('participant.joined', (m) => m.participant.id === waiting.welcome.self.id);
    const nowAdmitted = waiting.client.next('admitted');
    host.client.send({ type: 'admit', participantId: waiting.welcome.self.id });
    expect((await nowAdmitted).participants.map((p) => p.id).sort()).toEqual([host.welcome.self.id, admitted.welcome.self.id].sort());
    await joined;

    const ended = [admitted.client, waiting.client].map((client) => client.next('room.closed'));
    await host.client.leave(true);
    for (const end of ended) expect(await end).toMatchObject({ reason: 'ended' });
  });

  it('lets a participant that does not come back go after the grace period', async () => {
    const dataDir = tempDir();
    let h = await start(dataDir, new FakeHost());
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const gone = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    // The guest's browser was closed while the server was down: no resume.
    gone.client.destroy();
    const hostBack = host.client.next('welcome', (m) => m.resumed, 15_000);
    h = await restart(h, dataDir);
    expect((await hostBack).participants.map((p) => p.id)).toEqual([gone.welcome.self.id]);
    expect(await host.client.next('participant.left', () => true, 15_000)).toMatchObject({ participantId: gone.welcome.self.id, reason: 'timeout' });
    await host.client.leave(true);
  });

  it('tells a participant who comes back after the end that the call ended', async () => {
    const dataDir = tempDir();
    let h = await start(dataDir, new FakeHost());
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const late = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    // Away through the restart and the end (its own resume is done by hand below, after both).
    late.client.destroy();
    const hostBack = host.client.next('welcome', (m) => m.resumed, 15_000);
    h = await restart(h, dataDir);
    await hostBack;
    await host.client.leave(true);
    h = await restart(h, dataDir);

    const ws = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`);
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = new Promise<string>((resolve) => ws.once('message', (d) => resolve(String(d))));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'resume', resumeToken: late.welcome.resumeToken }, displayName: 'Kundin' }));
    expect(JSON.parse(await reply)).toEqual({ type: 'room.closed', reason: 'ended' });
    expect(await closed).toBe(4005);
  });
});

describe('a restarted single-process server', () => {
  beforeAll(() => {
    backend = 'file';
  });

  it('starts with no rooms when the file is unreadable', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'signalling-rooms.json'), '{"v":1,"rooms":{"x":{"members":[{"id":"../../etc"}]}}}');
    const h = await start(dataDir, new FakeHost());
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    expect(host.welcome.participants).toEqual([]);
    await host.client.leave(true);
  });
});
