/**
 * The signalling extension inside the real server core (startServer, SQLite, demo data, real login): guest
 * links over the API, consent stored on the appointment, rooms opened with the session token, the BPS rule.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AppointmentFeedReply } from '../../../src-shared/http/sync-api.js';
import { signallingExtension } from '../../../src-server/signalling/extension.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';
import { CONSENT_TEXT_VERSION } from '../../../src-shared/domain/appointment.js';
import { consent, counsellor, createLink, post } from './flow.js';

const WINDOW = 'from=2026-11-01&to=2026-12-31';
let t: TestServer;
let own: Appointment;
let bps: Appointment;
let token: string;

async function feed(user: string): Promise<{ token: string; items: Appointment[] }> {
  const tok = await t.login(user);
  const reply = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token: tok })).json());
  return { token: tok, items: reply.items };
}

beforeAll(async () => {
  t = await startTestServer({ extensions: [signallingExtension] });
  const av = await feed('av.berger');
  token = av.token;
  own = av.items.find((a) => a.channel === 'video' && a.status === 'planned') ?? (av.items[0] as Appointment);
  bps = (await feed('bps.keller')).items[0] as Appointment;
});
afterAll(async () => t?.close());

describe('signalling inside the server core', () => {
  it('creates a guest link for an own appointment and stores the customer consent on the appointment', async () => {
    const link = await createLink(t.url, token, { appointmentId: own.id });
    expect(link.url.startsWith(`${t.url}/guest/#`)).toBe(true);
    await consent(t.url, link.token);
    const after = await t.server.core.repository.appointments.get(own.id);
    expect(after?.consent).toMatchObject({ appointmentId: own.id, via: 'guest_page', withdrawnAt: null });
    const host = await counsellor(t.url, token, own.id);
    expect(host.welcome.self).toMatchObject({ role: 'counsellor' });
    await host.client.leave(true);
  });

  it('never lets a non-BPS counsellor open, or make links for, a BPS appointment; refusals are audited', async () => {
    const reply = await post(`${t.url}/api/v1/guest-links`, { appointmentId: bps.id, role: 'customer' }, token);
    expect(reply.status).toBe(404);
    await expect(counsellor(t.url, token, bps.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const audit = await t.server.core.repository.audit.list(50);
    const denied = audit.filter((e) => e.target === bps.id && e.outcome === 'denied').map((e) => `${e.action}:${e.reason}`);
    expect(denied).toEqual(expect.arrayContaining(['guest-link.create:bps_restricted', 'signalling.open:bps_restricted']));
    const bpsToken = await t.login('bps.keller');
    const allowed = await counsellor(t.url, bpsToken, bps.id);
    expect(allowed.welcome.roomId).toBe(bps.id);
    await allowed.client.leave(true);
  });

  it('refuses an unknown session token', async () => {
    await expect(counsellor(t.url, 'brs_not-a-session', own.id)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await post(`${t.url}/api/v1/guest-links`, { appointmentId: own.id, role: 'customer' })).status).toBe(401);
  });

  it('answers a BPS appointment’s link to a non-BPS counsellor exactly as a link that does not exist (B3)', async () => {
    const bpsToken = await t.login('bps.keller');
    const planned = (await feed('bps.keller')).items.find((a) => a.status === 'planned');
    if (!planned) throw new Error('Demo data has no planned BPS appointment');
    const link = await createLink(t.url, bpsToken, { appointmentId: planned.id });
    const answer = async (method: 'GET' | 'DELETE', id: string) => {
      const res = await fetch(`${t.url}/api/v1/guest-links/${id}`, { method, headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, headers: ['content-type', 'content-length', 'cache-control'].map((name) => res.headers.get(name)), body: await res.text() };
    };
    for (const method of ['GET', 'DELETE'] as const) {
      const hidden = await answer(method, link.linkId);
      expect(hidden.status).toBe(404);
      expect(hidden).toEqual(await answer(method, randomUUID()));
    }
    expect(link.url).not.toContain(planned.id);
    const list = await t.request(`/api/v1/guest-links?appointmentId=${planned.id}`, { token });
    expect(list.status).toBe(404);
    // The BPS counsellor's own list still has the link, unrevoked.
    const own = await t.request(`/api/v1/guest-links?appointmentId=${planned.id}`, { token: bpsToken });
    expect(await own.json()).toMatchObject({ links: [{ linkId: link.linkId, state: 'created', revoked: false }] });
  });

  it('refuses the link of an appointment cancelled through the ops API, with an audit row (G1)', async () => {
    const av = await feed('av.berger');
    const target = av.items.find((a) => a.status === 'planned' && a.id !== own.id && a.channel === 'video');
    if (!target) throw new Error('Demo data has no second planned video appointment');
    const link = await createLink(t.url, av.token, { appointmentId: target.id });
    const cancel = await post(`${t.url}/api/v1/ops`, { ops: [{ opId: randomUUID(), type: 'appointment.status', appointmentId: target.id, status: 'cancelled', at: new Date().toISOString() }] }, av.token);
    expect(cancel).toMatchObject({ status: 200, body: { results: [{ outcome: 'applied' }] } });
    const check = await post(`${t.url}/guest/api/link`, { link: link.token });
    expect(check).toMatchObject({ status: 410, body: { error: { code: 'LINK_CANCELLED', message: expect.stringContaining('Dieser Termin wurde abgesagt.') } } });
    expect(await post(`${t.url}/guest/api/consent`, { link: link.token, textVersion: CONSENT_TEXT_VERSION, accepted: true })).toMatchObject({ status: 410 });
    const audit = await t.server.core.repository.audit.list(50);
    expect(audit.filter((e) => e.target === link.linkId).map((e) => `${e.actorId}:${e.action}:${e.reason}`)).toEqual(['null:guest-link.check:appointment_cancelled', 'null:guest-link.consent:appointment_cancelled']);
  });
});
