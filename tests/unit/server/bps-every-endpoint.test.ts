/**
 * "A non-BPS user never receives a BPS appointment by any endpoint": every HTTP route the server registers —
 * core and extensions (signalling, guest links, review, updates) — is called by every non-BPS account, once
 * with a BPS appointment's id and once with an id that does not exist. The answers must be the same, and no
 * answer may carry a BPS appointment's id, customer number or pseudonym.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AppointmentFeedReply } from '../../../src-shared/http/sync-api.js';
import { defaultExtensions } from '../../../src-server/server.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const WINDOW = 'from=2026-11-01&to=2026-12-31';
let t: TestServer;
let bps: Appointment[];

beforeAll(async () => {
  t = await startTestServer({ extensions: defaultExtensions, config: { review: { secret: 'x'.repeat(48) } } });
  const token = await t.login('bps.keller');
  bps = AppointmentFeedReply.parse(await (await t.request(`/api/v1/appointments?${WINDOW}`, { token })).json()).items;
});
afterAll(async () => t?.close());

function secretsOf(appointments: Appointment[]): string[] {
  // Names are drawn from a small pool and repeat across customers; number and pseudonym identify the person.
  return appointments.flatMap((item) => [item.id, item.customer.customerNumber, item.customer.pseudonym]);
}

async function call(method: string, path: string, id: string, token: string): Promise<{ status: number; code: string | null; text: string }> {
  const concrete = path.replace(/:[A-Za-z]+/g, id).replace(/\*$/, 'index.html');
  const query = `appointmentId=${id}&${WINDOW}&month=2026-11`;
  // Bodies that pass each route's (strict) schema, so the call reaches the access check behind it.
  const bodies: Record<string, unknown> = {
    '/api/v1/ops': { ops: [{ opId: randomUUID(), type: 'appointment.status', appointmentId: id, status: 'cancelled', at: new Date().toISOString() }] },
    '/api/v1/guest-links': { appointmentId: id, role: 'customer' },
    '/api/v1/waiting-rooms': { appointmentIds: [id] },
    '/api/v1/review/export': { month: '2026-11', seed: 'stichprobe' },
  };
  const body = bodies[path] ?? { appointmentId: id };
  const reply = await t.request(`${concrete}?${query}`, {
    method,
    token,
    ...(method === 'GET' || method === 'DELETE' ? {} : { json: body }),
  });
  const text = (await reply.text()).replaceAll(id, '<ID>');
  let code: string | null = null;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    // Not JSON (a static page): compared by status and content alone.
  }
  return { status: reply.status, code, text };
}

describe('BPS appointments on every endpoint', () => {
  it('finds BPS appointments and many routes to try', () => {
    expect(bps.length).toBeGreaterThan(10);
    expect(t.server.routes.length).toBeGreaterThanOrEqual(8);
  });

  it.each(['av.berger', 'bb.schulz', 'reha.yilmaz', 'tl.hoffmann', 'it.wagner'])('reveal nothing to %s', async (username) => {
    const token = await t.login(username);
    const secrets = secretsOf(bps);
    for (const route of t.server.routes) {
      if (route.path.endsWith('/auth/logout')) continue; // would end the session used for the other routes
      const target = bps[0] as Appointment;
      const hidden = await call(route.method, route.path, target.id, token);
      const missing = await call(route.method, route.path, randomUUID(), token);
      const where = `${route.method} ${route.path} als ${username}`;
      expect({ where, status: hidden.status, code: hidden.code }).toEqual({ where, status: missing.status, code: missing.code });
      for (const secret of secrets) expect(hidden.text.includes(secret), `${where} verrät ${secret}`).toBe(false);
    }
  });
});
