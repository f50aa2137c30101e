/** Steps every signalling test repeats: create a guest link, consent on the guest page, connect. */
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';
import { CONSENT_TEXT_VERSION } from '../../../src-shared/domain/appointment.js';
import { CreateGuestLinkReply, GuestConsentReply, type CreateGuestLinkRequest } from '../../../src-shared/signalling/guest-api.js';
import type { GuestRole, ServerMessage } from '../../../src-shared/signalling/messages.js';
import { SignallingClient } from '../../../src-main/services/signalling/client.js';

export async function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

export async function createLink(base: string, token: string, request: Partial<CreateGuestLinkRequest> & { appointmentId: string; role?: GuestRole }) {
  const res = await post(`${base}${API_PREFIX}/guest-links`, { role: 'customer', ...request }, token);
  if (res.status !== 201) throw new Error(`guest link: ${res.status} ${JSON.stringify(res.body)}`);
  return CreateGuestLinkReply.parse(res.body);
}

export async function consent(base: string, link: string): Promise<string> {
  const res = await post(`${base}/guest/api/consent`, { link, textVersion: CONSENT_TEXT_VERSION, accepted: true });
  if (res.status !== 201) throw new Error(`consent: ${res.status} ${JSON.stringify(res.body)}`);
  return GuestConsentReply.parse(res.body).consentId;
}

export async function counsellor(base: string, token: string, appointmentId: string) {
  const client = new SignallingClient({ serverUrl: base, auth: { kind: 'counsellor', token, appointmentId }, displayName: 'Beraterin' });
  const welcome = await client.connect();
  return { client, welcome };
}

/** A guest in the waiting room (link created by `hostToken`, consent given). */
export async function guest(base: string, hostToken: string, appointmentId: string, role: GuestRole = 'customer', name = 'Kundin') {
  const link = await createLink(base, hostToken, { appointmentId, role });
  const consentId = await consent(base, link.token);
  const client = new SignallingClient({ serverUrl: base, auth: { kind: 'guest', link: link.token, consentId }, displayName: name });
  const welcome = await client.connect();
  return { client, welcome, link, consentId };
}

/** Guest admitted by the counsellor; resolves when both sides saw it. */
export async function admittedGuest(base: string, host: { client: SignallingClient; token: string }, appointmentId: string, role: GuestRole = 'customer', name = 'Kundin') {
  const g = await guest(base, host.token, appointmentId, role, name);
  const admitted = g.client.next('admitted');
  const joined = host.client.next('participant.joined', (m) => m.participant.id === g.welcome.self.id);
  host.client.send({ type: 'admit', participantId: g.welcome.self.id });
  return { ...g, admitted: await admitted, joined: await joined };
}

/**
 * An admitted guest whose connection dropped and came back once: `used` is the resume token spent on that
 * resume, `rewelcome` the welcome of the new connection (with the token the guest holds now).
 */
export async function guestResumedOnce(host: { client: SignallingClient }, g: Awaited<ReturnType<typeof admittedGuest>>) {
  const used = g.welcome.resumeToken;
  const back = host.client.next('participant.connection', (m) => m.connected);
  g.client.dropConnection();
  const rewelcome = await g.client.next('welcome');
  await back;
  return { used, rewelcome };
}

/** Collects every message a client receives. */
export function record(client: SignallingClient): { messages: ServerMessage[] } {
  const log = { messages: [] as ServerMessage[] };
  client.on('message', (m) => log.messages.push(m));
  return log;
}

export const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n' };
export const answer = { type: 'answer' as const, sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\n' };
export const candidate = { type: 'candidate' as const, candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMLineIndex: 0, sdpMid: '0' } };
