/**
 * M2 of issue 13: one address that opens WebSockets by the hundred gets a clear "try again later" (1013) beyond
 * its cap, and a room of other addresses goes on working meanwhile: new guests join, signals are relayed.
 * The flood comes from 127.0.0.2 (Linux routes all of 127/8 to loopback); the room from 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { admittedGuest, counsellor, offer } from './flow.js';

const PER_IP = 10;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { maxSocketsPerIp: PER_IP, maxSockets: 40, helloTimeoutMs: 60_000 } });
});
afterAll(async () => h.close());

/** Opens a WebSocket from the local address `from`: the socket, when it opened, and the close code it ends with. */
function openFrom(from: string): Promise<{ ws: WebSocket; outcome: Promise<number>; opened: Promise<void> }> {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}/signalling`, { localAddress: from });
  ws.on('error', () => undefined);
  const outcome = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return Promise.resolve({ ws, outcome, opened });
}

describe('WebSocket caps (issue 13, M2)', () => {
  it('an address over its cap gets close code 1013, and a room of others keeps working during the flood', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);

    const flood = await Promise.all(Array.from({ length: PER_IP + 30 }, () => openFrom('127.0.0.2')));
    await Promise.all(flood.map((socket) => socket.opened));
    // Every socket over the cap is closed by the server with 1013; the ones under it stay open (no hello needed yet).
    const closedCodes: number[] = [];
    await new Promise<void>((resolve) => {
      for (const socket of flood)
        void socket.outcome.then((code) => {
          closedCodes.push(code);
          if (closedCodes.length === 30) resolve();
        });
    });
    expect(closedCodes).toEqual(Array.from({ length: 30 }, () => 1013));

    // Meanwhile a guest from another address joins, is admitted, and signals flow both ways.
    const g = await admittedGuest(h.url, { client: host.client, token: c.token }, c.appointmentId);
    const relayed = g.client.next('signal');
    host.client.send({ type: 'signal', to: g.welcome.self.id, data: offer });
    expect((await relayed).data).toEqual(offer);

    // Once the flood lets go, the address may connect again.
    const refusedBeforeRelease = closedCodes.length;
    for (const socket of flood) socket.ws.terminate();
    await Promise.all(flood.map((socket) => socket.outcome));
    expect(refusedBeforeRelease).toBe(30);
    const again = await openFrom('127.0.0.2');
    await again.opened;
    const pong = new Promise<unknown>((resolve) => again.ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    again.ws.send(JSON.stringify({ type: 'ping', id: 7 }));
    expect(await pong).toEqual({ type: 'pong', id: 7 });
    again.ws.terminate();
    await g.client.leave();
    await host.client.leave(true);
  });

  it('the total cap holds across addresses', async () => {
    const sockets = await Promise.all(Array.from({ length: 60 }, (_, n) => openFrom(`127.0.1.${(n % 20) + 1}`)));
    const codes: number[] = [];
    await new Promise<void>((resolve) => {
      for (const socket of sockets)
        void socket.outcome.then((code) => {
          codes.push(code);
          if (codes.length === 20) resolve();
        });
    });
    // 40 in total: 20 of the 60 are refused, all with 1013.
    expect(codes).toEqual(Array.from({ length: 20 }, () => 1013));
    for (const socket of sockets) socket.ws.terminate();
    await Promise.all(sockets.map((socket) => socket.outcome));
  });
});
