/**
 * `npm run bench:signalling` — one JSON line:
 *  - relay throughput of small simple-peer signal messages (ICE candidates) from a guest to the counsellor
 *    through one signalling server process (validation, room routing, memory store), next to a bare `ws` relay
 *    that forwards the same frames unread, measured in the same run in alternating rounds:
 *    `relayRatio` = median over rounds of server / bare;
 *  - join latency (new connection → `welcome`) of guests while 1,000 rooms are open, p50/p99.
 * Both servers and all clients live in this process, so the ratio compares like with like.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import WebSocket from 'ws';
import { CONSENT_TEXT_VERSION } from '../../src-shared/domain/appointment.js';
import { SignallingClient } from '../../src-main/services/signalling/client.js';
import { startHarness } from '../support/signalling-harness.js';

const MESSAGES = 10_000;
const ROUNDS = 7;
const ROOMS = 1_000;
const JOIN_SAMPLES = 1_000;
const candidate = { type: 'candidate', candidate: { candidate: 'candidate:842163049 1 udp 1677729535 192.0.2.10 54321 typ srflx raddr 0.0.0.0 rport 0', sdpMLineIndex: 0, sdpMid: '0' } };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Sends `count` frames from `from` and resolves with messages/second once `to` got them all. */
async function pump(from: WebSocket, to: WebSocket, frame: (i: number) => string, count: number): Promise<number> {
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
    from.send(frame(i));
    if (i % 500 === 499) while (received < i - 1000) await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  return count / ((performance.now() - start) / 1000);
}

/** Connect and say hello on a plain socket; resolves with the socket and the participant id. */
async function rawJoin(url: string, auth: Record<string, string>): Promise<{ ws: WebSocket; id: string }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/signalling`, { perMessageDeflate: false });
  await new Promise((resolve) => ws.once('open', resolve));
  const welcome = new Promise<{ self: { id: string } }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as { self: { id: string } })));
  ws.send(JSON.stringify({ type: 'hello', v: 1, auth, displayName: 'Bench' }));
  return { ws, id: (await welcome).self.id };
}

async function bareRelay(): Promise<{ a: WebSocket; b: WebSocket; close(): void }> {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const sockets: WebSocket[] = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    // Forward every frame to the other socket, unread: the floor any relay has to pay.
    ws.on('message', (data, isBinary) => sockets.find((other) => other !== ws)?.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const a = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve) => a.once('open', resolve));
  const b = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve) => b.once('open', resolve));
  while (sockets.length < 2) await new Promise((resolve) => setImmediate(resolve));
  return {
    a,
    b,
    close() {
      a.terminate();
      b.terminate();
      wss.close();
      server.close();
    },
  };
}

async function main(): Promise<void> {
  const bareSockets = await bareRelay();

  // Every bench client comes from 127.0.0.1: the per-address socket cap would otherwise refuse most of them.
  const h = await startHarness({ settings: { ratePerSecond: 100_000, rateBurst: 100_000, maxWaiting: 8, maxSocketsPerIp: 100_000, maxSockets: 100_000 } });
  const links = h.service.links;

  // Throughput: one admitted guest → counsellor, through validation and the room's routing. Raw sockets on
  // the client side, like the bare relay's, so only the server's work differs.
  const c = h.host.counsellor();
  const host = await rawJoin(h.url, { kind: 'counsellor', token: c.token, appointmentId: c.appointmentId });
  const link = await links.create({ appointmentId: c.appointmentId, role: 'customer', validMinutes: 60, maxUses: 1, createdBy: 'bench' });
  const consentId = randomUUID();
  await links.addConsent(link.linkId, { consentId, givenAt: new Date().toISOString(), textVersion: CONSENT_TEXT_VERSION });
  const guest = await rawJoin(h.url, { kind: 'guest', link: link.token, consentId });
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
  const frame = JSON.stringify({ type: 'signal', to: host.id, data: candidate });
  const bareFrame = JSON.stringify({ type: 'signal', to: 'peer-id-0123456789', data: candidate });
  await pump(bareSockets.a, bareSockets.b, () => bareFrame, 2_000); // warm-up
  await pump(guest.ws, host.ws, () => frame, 2_000);
  // Rounds of bare-then-server back to back; the ratio is the median of the rounds' ratios, so load from other
  // processes on a shared machine hits both sides of a pair alike. Throughputs are the medians too.
  const bareRates: number[] = [];
  const serverRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const b = await pump(bareSockets.a, bareSockets.b, () => bareFrame, MESSAGES);
    const r = await pump(guest.ws, host.ws, () => frame, MESSAGES);
    bareRates.push(b);
    serverRates.push(r);
    ratios.push(r / b);
  }
  const median = (xs: number[]) => percentile([...xs].sort((x, y) => x - y), 50);
  const bare = median(bareRates);
  const relayed = median(serverRates);
  const relayRatio = median(ratios);
  bareSockets.close();
  host.ws.terminate();
  guest.ws.terminate();

  // 1,000 open rooms, each with its counsellor connected.
  const rooms: Array<{ appointmentId: string; client: SignallingClient }> = [];
  for (let i = 0; i < ROOMS; i += 50) {
    rooms.push(
      ...(await Promise.all(
        Array.from({ length: 50 }, async () => {
          const owner = h.host.counsellor();
          const client = new SignallingClient({ serverUrl: h.url, auth: { kind: 'counsellor', token: owner.token, appointmentId: owner.appointmentId }, displayName: 'B', resume: false });
          await client.connect();
          return { appointmentId: owner.appointmentId, client };
        }),
      )),
    );
  }
  // Guest joins, one per room, one after the other (the latency of a join, not of a queue of joins), each from
  // a fresh connection to `welcome`, while all rooms stay open.
  const tickets = await Promise.all(
    rooms.slice(0, JOIN_SAMPLES).map(async (room) => {
      const guestLink = await links.create({ appointmentId: room.appointmentId, role: 'customer', validMinutes: 60, maxUses: 1, createdBy: 'bench' });
      const id = randomUUID();
      await links.addConsent(guestLink.linkId, { consentId: id, givenAt: new Date().toISOString(), textVersion: CONSENT_TEXT_VERSION });
      return { link: guestLink.token, consentId: id };
    }),
  );
  const latencies: number[] = [];
  const guests: SignallingClient[] = [];
  for (const ticket of tickets) {
    const client = new SignallingClient({ serverUrl: h.url, auth: { kind: 'guest', link: ticket.link, consentId: ticket.consentId }, displayName: 'G', resume: false });
    const start = performance.now();
    await client.connect();
    latencies.push(performance.now() - start);
    guests.push(client);
  }
  latencies.sort((a, b) => a - b);
  const openRooms = h.service.hub.localRoomCount;
  for (const client of [...guests, ...rooms.map((r) => r.client)]) client.destroy();
  await h.close();

  console.log(
    JSON.stringify({
      bench: 'signalling',
      messagesPerRound: MESSAGES,
      rounds: ROUNDS,
      bareRelayMsgPerSec: Math.round(bare),
      serverRelayMsgPerSec: Math.round(relayed),
      relayRatio: round(relayRatio),
      rooms: openRooms,
      joins: latencies.length,
      joinP50Ms: round(percentile(latencies, 50)),
      joinP99Ms: round(percentile(latencies, 99)),
      targets: { relayRatio: '>= 0.7', joinP99Ms: '<= 20' },
    }),
  );
  process.exit(0);
}

await main();
