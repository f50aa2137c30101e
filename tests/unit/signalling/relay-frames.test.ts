/**
 * The relay's hot path builds the outgoing `signal` frame from a per-participant prefix and writes bursts to a
 * corked socket. Neither may change what a peer receives: each frame must be exactly `JSON.stringify` of the
 * validated message (unknown keys stripped by the schema, not passed through), in sending order.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SignalData, SIGNALLING_PATH } from '../../../src-shared/signalling/messages.js';
import { startHarness, type Harness } from '../../support/signalling-harness.js';
import { candidate, consent, createLink, offer } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { ratePerSecond: 10_000, rateBurst: 10_000 } });
});
afterAll(async () => h.close());

/** A plain socket that records every text frame as received, byte for byte. */
async function rawParticipant(auth: Record<string, string>) {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}${SIGNALLING_PATH}`, { perMessageDeflate: false });
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(String(data)));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'hello', v: 1, auth, displayName: 'Roh' }));
  const until = async (test: (frame: string) => boolean) => {
    for (let i = 0; i < 500 && !frames.some(test); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const found = frames.find(test);
    if (!found) throw new Error(`frame not received; got ${frames.join('\n')}`);
    return found;
  };
  const welcome = JSON.parse(await until((f) => f.includes('"type":"welcome"'))) as { self: { id: string } };
  return { ws, frames, until, id: welcome.self.id };
}

it('relays a burst of signals in order, each frame exactly the validated message', async () => {
  const c = h.host.counsellor();
  const host = await rawParticipant({ kind: 'counsellor', token: c.token, appointmentId: c.appointmentId });
  const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId });
  const guest = await rawParticipant({ kind: 'guest', link: link.token, consentId: await consent(h.url, link.token) });
  host.ws.send(JSON.stringify({ type: 'admit', participantId: guest.id }));
  await guest.until((f) => f.includes('"type":"admitted"'));
  await host.until((f) => f.includes('"type":"participant.joined"'));

  // Unknown keys inside `data` (not allowed to reach the peer), nulls, a non-ASCII SDP line, an offer.
  const sent = Array.from({ length: 300 }, (_, i) =>
    i % 3 === 0
      ? { type: 'candidate', candidate: { ...candidate.candidate, candidate: `candidate:${i} 1 udp 1 192.0.2.1 ${1000 + i} typ host`, smuggled: 'x' }, extra: i }
      : i % 3 === 1
        ? { type: 'candidate', candidate: { candidate: `candidate:${i} 1 udp 1 192.0.2.2 ${1000 + i} typ host`, sdpMLineIndex: null, sdpMid: null } }
        : { ...offer, sdp: `${offer.sdp}a=tool:Größe ${i}\r\n` },
  );
  // One synchronous run: the frames reach the server together and leave it as one burst.
  for (const data of sent) guest.ws.send(JSON.stringify({ type: 'signal', to: host.id, data }));
  const expected = sent.map((data) => JSON.stringify({ type: 'signal', from: guest.id, data: SignalData.parse(data) }));
  await host.until(() => host.frames.filter((f) => f.includes('"type":"signal"')).length >= sent.length);
  expect(host.frames.filter((f) => f.includes('"type":"signal"'))).toEqual(expected);
  expect(expected[0]).not.toContain('smuggled');
  expect(guest.frames.some((f) => f.includes('"type":"error"'))).toBe(false);
  host.ws.terminate();
  guest.ws.terminate();
});
