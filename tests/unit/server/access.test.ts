/**
 * BPS appointments are health data: nobody outside the BPS learns that one exists, by any endpoint. IT support
 * gets no customer data at all. Every refusal is audited.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { ApiError, AppointmentFeedReply, OpsReply } from '../../../src-shared/http/sync-api.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const WINDOW = 'from=2026-11-01&to=2026-12-31';
let t: TestServer;
let bpsAppointments: Appointment[];

beforeAll(async () => {
  t = await startTestServer();
  const bps = await t.login('bps.keller');
  const reply = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token: bps })).json());
  bpsAppointments = reply.items;
});
afterAll(async () => t?.close());

describe('BPS confidentiality', () => {
  it('shows BPS appointments to the BPS counsellor', () => {
    expect(bpsAppointments.length).toBeGreaterThan(10);
    expect(bpsAppointments.every((item) => item.fachdienst === 'BPS')).toBe(true);
    expect(bpsAppointments.some((item) => item.type === 'bps_begutachtung')).toBe(true);
  });

  it.each(['av.berger', 'bb.schulz', 'reha.yilmaz', 'tl.hoffmann'])('never lets %s learn of a BPS appointment', async (username) => {
    const token = await t.login(username);
    const bpsIds = new Set(bpsAppointments.map((item) => item.id));
    const target = bpsAppointments[0] as Appointment;

    // The feed, fully and incrementally, also after a BPS appointment changed.
    const full = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token })).json());
    expect(full.items.some((item) => bpsIds.has(item.id) || item.fachdienst === 'BPS')).toBe(false);
    await t.server.core.repository.appointments.update(target.id, (current) => ({ ...current, start: '2026-11-30T09:00:00+01:00', end: '2026-11-30T10:30:00+01:00' }));
    const next = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}&since=${full.cursor}`, { token })).json());
    expect([...next.items.map((item) => item.id), ...next.removed].some((id) => bpsIds.has(id))).toBe(false);

    // Notes: answered exactly like an appointment that does not exist.
    const missing = await t.request(`/api/v1/notes?appointmentId=${randomUUID()}`, { token });
    const hidden = await t.request(`/api/v1/notes?appointmentId=${target.id}`, { token });
    expect(hidden.status).toBe(missing.status);
    expect(await hidden.json()).toEqual(await missing.json());

    // Ops: same outcome as for a missing appointment, nothing changed.
    const at = new Date().toISOString();
    const tryOps = async (appointmentId: string) =>
      t.request('/api/v1/ops', { token, json: { ops: [{ opId: randomUUID(), type: 'appointment.status', appointmentId, status: 'cancelled', at }] } });
    const opHidden = await tryOps(target.id);
    const opMissing = await tryOps(randomUUID());
    expect(opHidden.status).toBe(opMissing.status);
    if (opHidden.status === 200) {
      const [hiddenResult, missingResult] = [OpsReply.parse(await opHidden.json()).results[0], OpsReply.parse(await opMissing.json()).results[0]];
      expect(hiddenResult?.outcome).toBe('rejected');
      expect(hiddenResult?.error).toEqual(missingResult?.error);
    }
    expect((await t.server.core.repository.appointments.get(target.id))?.status).not.toBe('cancelled');

    const audit = await t.server.core.repository.audit.list(500);
    const userId = (await t.server.core.repository.accounts.byUsername(username))?.id;
    // Counsellors reach the appointment and are refused there; the team lead's role is refused before that.
    const deniedOnTarget = audit.some((entry) => entry.actorId === userId && entry.target === target.id && entry.reason === 'bps_restricted');
    const deniedByRole = audit.some((entry) => entry.actorId === userId && entry.outcome === 'denied' && entry.reason === 'role_team_lead');
    expect(username === 'tl.hoffmann' ? deniedByRole : deniedOnTarget).toBe(true);
  });
});

describe('BPS by type', () => {
  it('hides a BPS examination even when the store files it under another Fachdienst', async () => {
    const token = await t.login('av.berger');
    const first = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token })).json());
    const misfiled = { ...(first.items[0] as Appointment), id: randomUUID(), type: 'bps_begutachtung' as const, fachdienst: 'AV' as const };
    await t.server.core.repository.appointments.put(misfiled);
    const full = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token })).json());
    const next = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}&since=${first.cursor}`, { token })).json());
    expect([...full.items, ...next.items].some((item) => item.id === misfiled.id)).toBe(false);
    const notes = await t.request(`/api/v1/notes?appointmentId=${misfiled.id}`, { token });
    expect(notes.status).toBe(404);
    const bps = await t.login('bps.keller');
    const forBps = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token: bps })).json());
    expect(forBps.items.some((item) => item.id === misfiled.id)).toBe(false); // not theirs either: it is Berger's
  });
});

describe('another counsellor’s appointment', () => {
  it('answers like a missing one and audits the attempt', async () => {
    const bb = await t.login('bb.schulz');
    const theirs = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token: bb })).json()).items[0] as Appointment;
    const token = await t.login('av.berger');
    const hidden = await t.request(`/api/v1/notes?appointmentId=${theirs.id}`, { token });
    const missing = await t.request(`/api/v1/notes?appointmentId=${randomUUID()}`, { token });
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
    const audit = await t.server.core.repository.audit.list(500);
    expect(audit).toContainEqual(expect.objectContaining({ actorId: 'u-av-berger', action: 'notes.read', target: theirs.id, reason: 'not_owner' }));
  });
});

describe('IT support', () => {
  it('can sign in but gets no customer data from any endpoint, and every refusal is audited', async () => {
    const token = await t.login('it.wagner');
    expect((await t.request('/api/v1/me', { token })).status).toBe(200);

    const attempts = [
      t.request(`/api/v1/appointments?${WINDOW}`, { token }),
      t.request(`/api/v1/notes?appointmentId=${(bpsAppointments[0] as Appointment).id}`, { token }),
      t.request('/api/v1/ops', { token, json: { ops: [{ opId: randomUUID(), type: 'appointment.status', appointmentId: randomUUID(), status: 'held', at: new Date().toISOString() }] } }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(403);
      const body = await reply.text();
      expect(ApiError.parse(JSON.parse(body)).error.code).toBe('FORBIDDEN');
      expect(body).not.toMatch(/customer|Kundennummer|displayName/);
    }
    const denied = (await t.server.core.repository.audit.list(500)).filter((entry) => entry.actorId === 'u-it-wagner');
    expect(denied.map((entry) => entry.action).sort()).toEqual(['appointments.feed', 'notes.read', 'ops']);
    expect(denied.every((entry) => entry.reason === 'role_it_support')).toBe(true);
  });
});

describe('team lead', () => {
  it('sees the own region pseudonymised and cannot change anything', async () => {
    const token = await t.login('tl.hoffmann');
    const reply = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token })).json());
    expect(reply.items.length).toBeGreaterThan(0);
    expect(reply.items.every((item) => item.agencyRegion === 'AA Köln')).toBe(true);
    expect(reply.items.every((item) => item.customer.displayName === item.customer.pseudonym && item.customer.customerNumber === item.customer.pseudonym)).toBe(true);
    const write = await t.request('/api/v1/ops', {
      token,
      json: { ops: [{ opId: randomUUID(), type: 'appointment.status', appointmentId: (reply.items[0] as Appointment).id, status: 'held', at: new Date().toISOString() }] },
    });
    expect(write.status).toBe(403);
  });
});
