import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';
import { CONSENT_TEXT_VERSION } from '../../../src-shared/domain/appointment.js';
import { SignallingClient } from '../../../src-main/services/signalling/client.js';
import { FileLinkLedger } from '../../../src-server/guest/link-ledger.js';
import { GuestLinks } from '../../../src-server/guest/links.js';
import { TokenSigner } from '../../../src-server/signalling/signed-token.js';
import { FakeHost, startHarness, TEST_SECRET, type Harness } from '../../support/signalling-harness.js';
import { consent, counsellor, createLink, post } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

async function join(link: string, consentId: string) {
  const client = new SignallingClient({ serverUrl: h.url, auth: { kind: 'guest', link, consentId }, displayName: 'Gast', resume: false });
  return { client, welcome: await client.connect() };
}

describe('guest links', () => {
  it('are created only by the appointment host, and are HMAC-signed URLs with the token in the fragment', async () => {
    const c = h.host.counsellor();
    const other = h.host.counsellor('Herr Anders');
    const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId, role: 'interpreter', maxUses: 2, validMinutes: 30 });
    expect(link.url).toBe(`${h.url}/guest/#${link.token}`);
    expect(link).toMatchObject({ role: 'interpreter', maxUses: 2, uses: 0, revoked: false });
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);

    expect((await post(`${h.url}${API_PREFIX}/guest-links`, { appointmentId: c.appointmentId, role: 'customer' })).status).toBe(401);
    // Another counsellor cannot even learn the appointment exists.
    const foreign = await post(`${h.url}${API_PREFIX}/guest-links`, { appointmentId: c.appointmentId, role: 'customer' }, other.token);
    expect(foreign.status).toBe(404);
    expect(h.host.denied).toContain(`guest-link.create:${c.appointmentId}`);
    expect((await post(`${h.url}${API_PREFIX}/guest-links`, { appointmentId: c.appointmentId, role: 'counsellor' }, c.token)).status).toBe(400);
  });

  it('refuses a forged link: tampered payload, another secret, garbage', async () => {
    const c = h.host.counsellor();
    const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId });
    const [body, mac] = link.token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${Buffer.from(JSON.stringify({ ...payload, r: 'interpreter' })).toString('base64url')}.${mac}`;
    const otherSecret = new TokenSigner('another-secret-0123456789-abcdefghijklmn').sign('guest-link/v1', payload);
    for (const forged of [tampered, otherSecret, 'not-a-token-at-all', `${body}.`]) {
      const check = await post(`${h.url}/guest/api/link`, { link: forged });
      expect(check).toMatchObject({ status: 404, body: { error: { code: 'LINK_INVALID' } } });
      const consentTry = await post(`${h.url}/guest/api/consent`, { link: forged, textVersion: CONSENT_TEXT_VERSION, accepted: true });
      expect(consentTry.status).toBe(404);
    }
    // A forged link with a consent id of a real link gets no further either.
    const consentId = await consent(h.url, link.token);
    await expect(join(tampered, consentId)).rejects.toMatchObject({ code: 'LINK_INVALID' });
  });

  it('logs a refused or unreadable link with its code and length, never the link itself', async () => {
    const lines: string[] = [];
    const logged = await startHarness({ log: (line) => lines.push(line) });
    try {
      const c = logged.host.counsellor();
      const link = await createLink(logged.url, c.token, { appointmentId: c.appointmentId });
      const [body] = link.token.split('.') as [string, string];
      const cut = `${body}.${'x'.repeat(43)}`;
      expect(await post(`${logged.url}/guest/api/link`, { link: cut })).toMatchObject({ status: 404, body: { error: { code: 'LINK_INVALID' } } });
      // `a.b.c` and other short strings are refused as links, not as malformed requests.
      expect(await post(`${logged.url}/guest/api/link`, { link: 'a.b.c' })).toMatchObject({ status: 404, body: { error: { code: 'LINK_INVALID' } } });
      const problem = await fetch(`${logged.url}/guest/api/problem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'link_too_long', length: 100_000 }) });
      expect(problem.status).toBe(204);
      // Anything else in a report is refused: the page cannot smuggle the fragment into the log.
      const smuggled = await fetch(`${logged.url}/guest/api/problem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'link_bad_shape', length: 5, fragment: 'a.b.c' }) });
      expect(smuggled.status).toBe(400);
      expect(lines).toEqual([
        `Gästeseite: Link abgelehnt (LINK_INVALID), Link ${cut.length} Zeichen`,
        'Gästeseite: Link abgelehnt (LINK_INVALID), Link 5 Zeichen',
        'Gästeseite: Link nicht lesbar (link_too_long), Link 100000 Zeichen',
      ]);
      expect(lines.join('\n')).not.toContain(body);
    } finally {
      await logged.close();
    }
  });

  it('refuses an expired link', async () => {
    const c = h.host.counsellor();
    // Signed with the server's own secret and registered, but made two hours ago for one hour.
    const links = h.service.links;
    const old = await links.create({ appointmentId: c.appointmentId, role: 'customer', validMinutes: 60, maxUses: 1, createdBy: 'test' }, Date.now() - 2 * 3600_000);
    expect(await post(`${h.url}/guest/api/link`, { link: old.token })).toMatchObject({ status: 410, body: { error: { code: 'LINK_EXPIRED' } } });
    await expect(join(old.token, randomUUID())).rejects.toMatchObject({ code: 'LINK_EXPIRED' });
  });

  it('refuses a reused single-use link, and counts bounded use', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const single = await createLink(h.url, c.token, { appointmentId: c.appointmentId });
    const consentId = await consent(h.url, single.token);
    const first = await join(single.token, consentId);
    expect(first.welcome.state).toBe('waiting');
    await expect(join(single.token, consentId)).rejects.toMatchObject({ code: 'LINK_USED' });
    expect(await post(`${h.url}/guest/api/link`, { link: single.token })).toMatchObject({ status: 410, body: { error: { code: 'LINK_USED' } } });

    const bounded = await createLink(h.url, c.token, { appointmentId: c.appointmentId, maxUses: 2 });
    const boundedConsent = await consent(h.url, bounded.token);
    await join(bounded.token, boundedConsent);
    await join(bounded.token, boundedConsent);
    await expect(join(bounded.token, boundedConsent)).rejects.toMatchObject({ code: 'LINK_USED' });
    const info = await fetch(`${h.url}${API_PREFIX}/guest-links/${bounded.linkId}`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(await info.json()).toMatchObject({ uses: 2, maxUses: 2 });
    await host.client.leave(true);
  });

  it('refuses a revoked link, before and after consent', async () => {
    const c = h.host.counsellor();
    await counsellor(h.url, c.token, c.appointmentId);
    const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId, maxUses: 3 });
    const consentId = await consent(h.url, link.token);
    const other = h.host.counsellor('Herr Anders');
    const foreignRevoke = await fetch(`${h.url}${API_PREFIX}/guest-links/${link.linkId}`, { method: 'DELETE', headers: { authorization: `Bearer ${other.token}` } });
    expect(foreignRevoke.status).toBe(404);
    const revoke = await fetch(`${h.url}${API_PREFIX}/guest-links/${link.linkId}`, { method: 'DELETE', headers: { authorization: `Bearer ${c.token}` } });
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toMatchObject({ revoked: true });
    await expect(join(link.token, consentId)).rejects.toMatchObject({ code: 'LINK_REVOKED' });
    expect(await post(`${h.url}/guest/api/consent`, { link: link.token, textVersion: CONSENT_TEXT_VERSION, accepted: true })).toMatchObject({ status: 410, body: { error: { code: 'LINK_REVOKED' } } });
  });

  it('requires the recorded consent (time, text version) before the waiting room', async () => {
    const c = h.host.counsellor();
    const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId });
    await expect(join(link.token, randomUUID())).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    // The failed attempt did not use up the single-use link.
    expect((await post(`${h.url}/guest/api/link`, { link: link.token })).status).toBe(200);
    expect((await post(`${h.url}/guest/api/consent`, { link: link.token, textVersion: 'old-text', accepted: true })).status).toBe(400);
    expect((await post(`${h.url}/guest/api/consent`, { link: link.token, textVersion: CONSENT_TEXT_VERSION, accepted: false })).status).toBe(400);
    const before = Date.now();
    const consentId = await consent(h.url, link.token);
    const recorded = h.host.consents.find((r) => r.linkId === link.linkId);
    expect(recorded).toMatchObject({ appointmentId: c.appointmentId, via: 'guest_page', textVersion: CONSENT_TEXT_VERSION, withdrawnAt: null, role: 'customer' });
    expect(Date.parse(recorded!.givenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await join(link.token, consentId)).welcome.state).toBe('waiting');
  });

  it('keeps uses and revocations across a restart of the embedded server (file ledger)', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join: joinPath } = await import('node:path');
    const file = joinPath(await mkdtemp(joinPath(tmpdir(), 'br-ledger-')), 'guest-links.json');
    const signer = new TokenSigner(TEST_SECRET);
    const host = new FakeHost();
    const appointmentId = host.counsellor().appointmentId;
    const first = new GuestLinks(signer, new FileLinkLedger(file), () => 'http://x', host);
    const used = await first.create({ appointmentId, role: 'customer', validMinutes: 60, maxUses: 1, createdBy: 't' });
    const revoked = await first.create({ appointmentId, role: 'carer', validMinutes: 60, maxUses: 1, createdBy: 't' });
    expect((await first.redeem(used.token)).ok).toBe(true);
    await first.revoke(revoked.linkId);
    const second = new GuestLinks(signer, new FileLinkLedger(file), () => 'http://x', host);
    expect(await second.redeem(used.token)).toEqual({ ok: false, code: 'LINK_USED' });
    expect(await second.check(revoked.token)).toEqual({ ok: false, code: 'LINK_REVOKED' });
  });

  it('name nothing but a random link id and the expiry: no appointment, role or person can be read from a link (B3)', async () => {
    const c = h.host.counsellor();
    const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId, role: 'interpreter' });
    const [body] = link.token.split('.') as [string];
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({ l: link.linkId, e: Date.parse(link.expiresAt) / 1000 });
    for (const readable of [link.url, decodeURIComponent(link.url), Buffer.from(body, 'base64url').toString()]) {
      expect(readable).not.toContain(c.appointmentId);
      expect(readable).not.toContain('interpreter');
    }
  });

  it('answer a hidden link exactly like a missing one, for reading and revoking (B3)', async () => {
    const c = h.host.counsellor();
    const other = h.host.counsellor('Herr Anders');
    const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId });
    const answer = async (method: 'GET' | 'DELETE', id: string) => {
      const res = await fetch(`${h.url}${API_PREFIX}/guest-links/${id}`, { method, headers: { authorization: `Bearer ${other.token}` } });
      return { status: res.status, type: res.headers.get('content-type'), length: res.headers.get('content-length'), body: await res.text() };
    };
    for (const method of ['GET', 'DELETE'] as const) {
      const hidden = await answer(method, link.linkId);
      expect(hidden.status).toBe(404);
      expect(hidden).toEqual(await answer(method, randomUUID()));
      expect(hidden).toEqual(await answer(method, 'kein-link'));
    }
    expect(h.host.denied).toContain(`guest-link.revoke:${c.appointmentId}`);
    // The refused revoke changed nothing.
    expect((await post(`${h.url}/guest/api/link`, { link: link.token })).status).toBe(200);
  });

  it('list an appointment’s links with their state, from created to in the call and revoked', async () => {
    const c = h.host.counsellor();
    const host = await counsellor(h.url, c.token, c.appointmentId);
    const list = async (token = c.token) => {
      const res = await fetch(`${h.url}${API_PREFIX}/guest-links?appointmentId=${c.appointmentId}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { links: { linkId: string; state: string; url: string; role: string }[] } };
    };
    const stateOf = async (linkId: string) => (await list()).body.links.find((l) => l.linkId === linkId)?.state;
    const customer = await createLink(h.url, c.token, { appointmentId: c.appointmentId });
    const interpreter = await createLink(h.url, c.token, { appointmentId: c.appointmentId, role: 'interpreter' });
    expect((await list()).body.links.map((l) => [l.linkId, l.role, l.url])).toEqual([
      [customer.linkId, 'customer', customer.url],
      [interpreter.linkId, 'interpreter', interpreter.url],
    ]);
    expect(await stateOf(customer.linkId)).toBe('created');
    await post(`${h.url}/guest/api/link`, { link: customer.token });
    expect(await stateOf(customer.linkId)).toBe('opened');
    const consentId = await consent(h.url, customer.token);
    expect(await stateOf(customer.linkId)).toBe('consented');
    const { client, welcome } = await join(customer.token, consentId);
    expect(await stateOf(customer.linkId)).toBe('waiting');
    const admitted = client.next('admitted');
    host.client.send({ type: 'admit', participantId: welcome.self.id });
    await admitted;
    expect(await stateOf(customer.linkId)).toBe('in_call');
    await client.leave(false);
    await expect.poll(() => stateOf(customer.linkId)).toBe('used');
    const revoked = await fetch(`${h.url}${API_PREFIX}/guest-links/${interpreter.linkId}`, { method: 'DELETE', headers: { authorization: `Bearer ${c.token}` } });
    expect(await revoked.json()).toMatchObject({ state: 'revoked', revoked: true, endedBy: null });
    const expired = await h.service.links.create({ appointmentId: c.appointmentId, role: 'carer', validMinutes: 60, maxUses: 1, createdBy: 'test' }, Date.now() - 90 * 60_000);
    expect(await stateOf(expired.linkId)).toBe('expired');
    // Another counsellor learns nothing of the appointment or its links.
    const other = h.host.counsellor('Herr Anders');
    expect((await list(other.token)).status).toBe(404);
    await host.client.leave(true);
  });

  for (const [change, code, text] of [
    ['cancelled', 'LINK_CANCELLED', 'Dieser Termin wurde abgesagt.'],
    ['moved', 'LINK_MOVED', 'Dieser Termin wurde verschoben.'],
    ['held', 'LINK_ENDED', 'Dieser Termin hat bereits stattgefunden.'],
  ] as const) {
    it(`refuse the links of an appointment that was ${change}: link check, consent and waiting room, audited (G1)`, async () => {
      const c = h.host.counsellor();
      const link = await createLink(h.url, c.token, { appointmentId: c.appointmentId, maxUses: 3 });
      const consentId = await consent(h.url, link.token);
      const planned = await h.host.appointmentSlot(c.appointmentId);
      h.host.slots.set(c.appointmentId, change === 'moved'
        ? { status: 'planned', start: new Date(Date.parse(planned!.start) + 86_400_000).toISOString(), end: new Date(Date.parse(planned!.end) + 86_400_000).toISOString() }
        : { ...planned!, status: change });
      const check = await post(`${h.url}/guest/api/link`, { link: link.token });
      expect(check.status).toBe(410);
      expect(check.body).toMatchObject({ error: { code } });
      expect((check.body as { error: { message: string } }).error.message).toContain(text);
      expect(await post(`${h.url}/guest/api/consent`, { link: link.token, textVersion: CONSENT_TEXT_VERSION, accepted: true })).toMatchObject({ status: 410, body: { error: { code } } });
      await expect(join(link.token, consentId)).rejects.toMatchObject({ code });
      const reason = `appointment_${change === 'held' ? 'ended' : change}`;
      expect(h.host.denied).toEqual(expect.arrayContaining([`guest-link.check:${link.linkId}:${reason}`, `guest-link.consent:${link.linkId}:${reason}`, `signalling.hello:${link.linkId}:${reason}`]));
      const listed = await fetch(`${h.url}${API_PREFIX}/guest-links?appointmentId=${c.appointmentId}`, { headers: { authorization: `Bearer ${c.token}` } });
      expect(((await listed.json()) as { links: unknown[] }).links).toEqual([expect.objectContaining({ state: 'revoked', endedBy: change === 'held' ? 'ended' : change })]);
      if (change !== 'moved') {
        const again = await post(`${h.url}${API_PREFIX}/guest-links`, { appointmentId: c.appointmentId, role: 'customer' }, c.token);
        expect(again).toMatchObject({ status: 409, body: { error: { code: 'APPOINTMENT_NOT_PLANNED' } } });
      }
    });
  }
});
