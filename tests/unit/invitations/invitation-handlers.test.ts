/**
 * The back office's invitation methods against the real server core with signalling (SQLite, demo data, real
 * login): create, list with state, revoke; the server's refusals arrive as the counsellor's German messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AppointmentFeedReply } from '../../../src-shared/http/sync-api.js';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import { invitationHandlers } from '../../../src-main/services/invitations/invitation-handlers.js';
import { signallingExtension } from '../../../src-server/signalling/extension.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

let t: TestServer;
let session: { serverUrl: string; token: string } | null;
let own: Appointment;
let bps: Appointment;

async function planned(user: string): Promise<{ token: string; items: Appointment[] }> {
  const token = await t.login(user);
  const reply = AppointmentFeedReply.parse(await (await t.request('/api/v1/appointments?from=2026-11-01&to=2026-12-31', { token })).json());
  return { token, items: reply.items.filter((a) => a.status === 'planned') };
}

beforeAll(async () => {
  t = await startTestServer({ extensions: [signallingExtension] });
  const av = await planned('av.berger');
  own = av.items[0]!;
  bps = (await planned('bps.keller')).items[0]!;
  session = { serverUrl: t.url, token: av.token };
});
afterAll(async () => t?.close());

/** The server session service's two calls, over the sign-in this test switches; `renewal` is what a renewal brings. */
let renewal: { serverUrl: string; token: string } | null = null;
const handlers = invitationHandlers({
  session: {
    access: async () => session && { ...session, displayName: 'Sabine Berger', userId: 'av' },
    renew: async () => renewal && { ...renewal, displayName: 'Sabine Berger', userId: 'av' },
  },
});
const refusal = async (work: unknown) => {
  const error = await Promise.resolve(work).then(
    () => null,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(IpcError);
  return error as IpcError;
};

describe('invitation methods', () => {
  it('create links for the customer and an interpreter, list them with their state, and revoke one', async () => {
    const customer = await handlers['invitations.create']({ appointmentId: own.id, role: 'customer' });
    const interpreter = await handlers['invitations.create']({ appointmentId: own.id, role: 'interpreter' });
    expect(customer).toMatchObject({ appointmentId: own.id, role: 'customer', state: 'created', maxUses: 1 });
    expect(customer.url.startsWith(`${t.url}/guest/#`)).toBe(true);
    expect(customer).not.toHaveProperty('token');
    const listed = await handlers['invitations.list']({ appointmentId: own.id });
    expect(listed.links.map((l) => [l.linkId, l.state])).toEqual([
      [customer.linkId, 'created'],
      [interpreter.linkId, 'created'],
    ]);
    const revoked = await handlers['invitations.revoke']({ linkId: interpreter.linkId });
    expect(revoked).toMatchObject({ linkId: interpreter.linkId, state: 'revoked', revoked: true });
    expect((await t.request('/guest/api/link', { method: 'POST', json: { link: interpreter.url.split('#')[1] } })).status).toBe(410);
  });

  it('pass on the server’s refusal for another counsellor’s BPS appointment, without revealing it', async () => {
    const error = await refusal(handlers['invitations.create']({ appointmentId: bps.id, role: 'customer' }));
    expect(error.code).toBe('REFUSED');
    expect(error.message).toBe('Diesen Termin gibt es nicht oder Sie sind nicht zuständig.');
  });

  it('say what to do when not signed in, signed out on the server, or the server is unreachable', async () => {
    const saved = session;
    try {
      session = null;
      expect((await refusal(handlers['invitations.list']({ appointmentId: own.id }))).message).toContain('nur mit Anmeldung am Beratungsraum-Server möglich');
      session = { serverUrl: t.url, token: 'brs_not-a-session' };
      expect((await refusal(handlers['invitations.list']({ appointmentId: own.id }))).message).toContain('Ihre Anmeldung am Server ist abgelaufen');
      // A session token the server ended is renewed once, and the call goes through.
      renewal = saved;
      expect((await handlers['invitations.list']({ appointmentId: own.id })).links.length).toBeGreaterThan(0);
      renewal = null;
      session = { serverUrl: 'http://127.0.0.1:9', token: saved!.token };
      const unreachable = await refusal(handlers['invitations.create']({ appointmentId: own.id, role: 'customer' }));
      expect(unreachable).toMatchObject({ code: 'SERVICE_FAILED' });
      expect(unreachable.message).toContain('Der Server ist nicht erreichbar. Das Erstellen eines Einladungslinks ist gerade nicht möglich');
    } finally {
      session = saved;
    }
  });
});
