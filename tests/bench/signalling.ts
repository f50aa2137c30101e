/**
 * `npm run bench:signalling` — one JSON line. Three processes, so none dilutes another's figure: the signalling
 * server under test (tests/support/signalling-node.ts), the bare `ws` relay as the baseline
 * (tests/bench/bare-relay.ts), and this one, the load generator with every client.
 *  - Relay of small simple-peer signal messages (ICE candidates) from an admitted guest to the counsellor, in
 *    alternating rounds against the bare relay that forwards the same frames unread: throughput (median over the
 *    rounds of server / bare) and CPU per message of each relay process (its own CPU time over all rounds).
 *    The server's per-connection rate limit (production: 100/s, burst 200) and its per-address socket cap
 *    (64; every client here is 127.0.0.1) are raised out of the way; the bare relay has none. The output says so.
 *  - Joins while 1,000 rooms are open, each with its counsellor connected: every guest gets a link over HTTP as
 *    the counsellor's app does, then consents over HTTP and connects to `welcome` as the guest page does;
 *    p50/p99 of consent + connect and of the connect alone.
 * Parameters: BENCH_MESSAGES (per round), BENCH_ROUNDS, BENCH_ROOMS.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { SessionUser } from '../../src-shared/http/sync-api.js';
import { SignallingClient } from '../../src-main/services/signalling/client.js';
import { consent, createLink } from '../unit/signalling/flow.js';
import { startBenchProcess } from './child-process.js';
import { cpuMicros, peakRssMb, watchMachine } from './machine.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 1_000);
const SERVER_RATE = { ratePerSecond: 100_000, rateBurst: 100_000 };
// Every bench client comes from 127.0.0.1: the per-address socket cap (production 64) would refuse most of them.
const SERVER_CAPS = { maxSocketsPerIp: 100_000, maxSockets: 100_000 };
const candidate = { type: 'candidate', candidate: { candidate: 'candidate:842163049 1 udp 1677729535 192.0.2.10 54321 typ srflx raddr 0.0.0.0 rport 0', sdpMLineIndex: 0, sdpMid: '0' } };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => percentile([...xs].sort((x, y) => x - y), 50);

/** Sends `count` frames from `from` and resolves with messages/second once `to` got them all. */
async function pump(from: WebSocket, to: WebSocket, frame: string, count: number): Promise<number> {
  let received = 0;
  const done = new Promise<void>((resolve, reject) => {
    // A refused frame (rate limit, validation) would leave the count short for ever: fail instead.
    from.on('message', (data) => {
      if (String(data).includes('"type":"error"')) reject(new Error(`Relay lehnte ab: ${String(data)}`));
    });
    const listener = () => {
      received += 1;
      if (received === count) {
        to.off('message', listener);
        resolve();
      }
    };
    to.on('message', listener);
  });
  const start = performance.now();
  // Windows of 500 keep both relays busy without growing an unbounded send buffer.
  for (let i = 0; i < count; i += 1) {
    from.send(frame);
    if (i % 500 === 499) while (received < i - 1000) await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  return count / ((performance.now() - start) / 1000);
}

const openSocket = async (url: string): Promise<WebSocket> => {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  return ws;
};

/** Connect and say hello on a plain socket; resolves with the socket and the participant id. */
async function rawJoin(url: string, auth: Record<string, string>): Promise<{ ws: WebSocket; id: string }> {
  const ws = await openSocket(`${url.replace('http', 'ws')}/signalling`);
  const welcome = new Promise<{ self: { id: string } }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as { self: { id: string } })));
  ws.send(JSON.stringify({ type: 'hello', v: 1, auth, displayName: 'Bench' }));
  return { ws, id: (await welcome).self.id };
}

const counsellors = Array.from({ length: ROOMS + 1 }, (_, i) => {
  const user: SessionUser = { id: `u-bench-${i}`, displayName: `Beraterin ${i}`, role: 'counsellor', fachdienst: 'AV', region: 'RD-NRW' };
  return { token: `tok-${randomUUID()}`, user, appointmentId: randomUUID() };
});

const machine = watchMachine();
const dir = mkdtempSync(join(tmpdir(), 'br-bench-signalling-'));
const usersFile = join(dir, 'users.json');
writeFileSync(usersFile, JSON.stringify(Object.fromEntries(counsellors.map(({ token, user, appointmentId }) => [token, { user, appointmentId }]))));
const server = await startBenchProcess('tests/support/signalling-node.ts', { BR_USERS_FILE: usersFile, BR_REDIS_URL: '', BR_SETTINGS: JSON.stringify({ ...SERVER_RATE, ...SERVER_CAPS, maxWaiting: 8 }) });
const bare = await startBenchProcess('tests/bench/bare-relay.ts');
try {
  // Throughput: one admitted guest → counsellor, through validation and the room's routing. Raw sockets on the
  // client side, like the bare relay's, so only the relays' work differs.
  const [c] = counsellors as [(typeof counsellors)[number]];
  const host = await rawJoin(server.url, { kind: 'counsellor', token: c.token, appointmentId: c.appointmentId });
  const link = await createLink(server.url, c.token, { appointmentId: c.appointmentId, validMinutes: 60, maxUses: 1 });
  const guest = await rawJoin(server.url, { kind: 'guest', link: link.token, consentId: await consent(server.url, link.token) });
  const admitted = new Promise((resolve) => guest.ws.once('message', resolve));
  const joined = new Promise<void>((resolve) => {
    const listener = (data: WebSocket.RawData) => {
      if (!String(data).includes('participant.joined')) return;
      host.ws.off('message', listener);
      resolve();
    };
    host.ws.on('message', listener);
  });
  host.ws.send(JSON.stringify({ type: 'admit', participantId: guest.id }));
  await Promise.all([admitted, joined]);
  const bareA = await openSocket(bare.url);
  const bareB = await openSocket(bare.url);
  const frame = JSON.stringify({ type: 'signal', to: host.id, data: candidate });
  await pump(bareA, bareB, frame, 2_000); // warm-up
  await pump(guest.ws, host.ws, frame, 2_000);
  // Rounds of bare-then-server back to back; the ratio is the median of the rounds' ratios, so load from other
  // processes on a shared machine hits both sides of a pair alike. CPU is each relay process's own, summed.
  const bareRates: number[] = [];
  const serverRates: number[] = [];
  const ratios: number[] = [];
  let bareCpu = 0;
  let serverCpu = 0;
  for (let r = 0; r < ROUNDS; r += 1) {
    const bareBefore = cpuMicros(bare.pid);
    const b = await pump(bareA, bareB, frame, MESSAGES);
    bareCpu += cpuMicros(bare.pid) - bareBefore;
    const serverBefore = cpuMicros(server.pid);
    const s = await pump(guest.ws, host.ws, frame, MESSAGES);
    serverCpu += cpuMicros(server.pid) - serverBefore;
    bareRates.push(b);
    serverRates.push(s);
    ratios.push(s / b);
  }
  for (const ws of [bareA, bareB, host.ws, guest.ws]) ws.terminate();
  const bareCpuPerMessage = bareCpu / (ROUNDS * MESSAGES);
  const serverCpuPerMessage = serverCpu / (ROUNDS * MESSAGES);

  // ROOMS open rooms, each with its counsellor connected.
  const rooms = counsellors.slice(1);
  const hosts: SignallingClient[] = [];
  for (let i = 0; i < rooms.length; i += 50) {
    hosts.push(
      ...(await Promise.all(
        rooms.slice(i, i + 50).map(async (owner) => {
          const client = new SignallingClient({ serverUrl: server.url, auth: { kind: 'counsellor', token: owner.token, appointmentId: owner.appointmentId }, displayName: 'B', resume: false });
          await client.connect();
          return client;
        }),
      )),
    );
  }
  // One guest per room, one after the other (the latency of a join, not of a queue of joins): the link comes
  // over HTTP beforehand, as the counsellor's app creates it; consent and connect are what the guest waits for.
  const links = await Promise.all(rooms.map((owner) => createLink(server.url, owner.token, { appointmentId: owner.appointmentId, validMinutes: 60, maxUses: 1 })));
  const connectMs: number[] = [];
  const consentAndConnectMs: number[] = [];
  const guests: SignallingClient[] = [];
  for (const guestLink of links) {
    const start = performance.now();
    const consentId = await consent(server.url, guestLink.token);
    const client = new SignallingClient({ serverUrl: server.url, auth: { kind: 'guest', link: guestLink.token, consentId }, displayName: 'G', resume: false });
    const connectStart = performance.now();
    await client.connect();
    const end = performance.now();
    connectMs.push(end - connectStart);
    consentAndConnectMs.push(end - start);
    guests.push(client);
  }
  connectMs.sort((a, b) => a - b);
  consentAndConnectMs.sort((a, b) => a - b);
  const peakRss = { server: peakRssMb(server.pid), bareRelay: peakRssMb(bare.pid) };
  for (const client of [...guests, ...hosts]) client.destroy();

  console.log(
    JSON.stringify({
      bench: 'signalling',
      processes: 'server under test, bare ws relay and load generator each in its own process',
      rateLimits: `server raised to ${SERVER_RATE.ratePerSecond}/s (production 100/s, burst 200) and ${SERVER_CAPS.maxSocketsPerIp} sockets per address (production 64); the bare relay has none`,
      samples: { messagesPerRound: MESSAGES, rounds: ROUNDS, rooms: rooms.length, joins: connectMs.length },
      bareRelayMsgPerSec: Math.round(median(bareRates)),
      serverRelayMsgPerSec: Math.round(median(serverRates)),
      relayRatio: round(median(ratios)),
      cpuMicrosPerMessage: { bare: round(bareCpuPerMessage), server: round(serverCpuPerMessage) },
      relayRatioByCpu: round(bareCpuPerMessage / serverCpuPerMessage),
      joinConnectMs: { p50: round(percentile(connectMs, 50)), p99: round(percentile(connectMs, 99)) },
      joinConsentAndConnectMs: { p50: round(percentile(consentAndConnectMs, 50)), p99: round(percentile(consentAndConnectMs, 99)) },
      targets: { relayRatio: '>= 0.7', relayRatioByCpu: '>= 0.7', joinP99Ms: '<= 20' },
      ...machine.report(peakRss),
    }),
  );
} finally {
  await Promise.all([server.stop(), bare.stop()]);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
