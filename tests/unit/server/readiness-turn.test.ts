/**
 * GET /api/v1/readiness/turn-credentials over real HTTP: counsellors and IT support get a coturn
 * `use-auth-secret` credential for the configured TURN URLs, valid for the configured lifetime (capped at ten
 * minutes); without a token the answer is 401, other roles 403, and a server without TURN hands out nothing.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READINESS_TURN_PATH, ReadinessTurnGrant } from '../../../src-shared/readiness/turn-grant.js';
import { readinessTurnExtension } from '../../../src-server/turn/staff-grant.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const secret = 'coturn-static-auth-secret-for-readiness';
const urls = ['turn:127.0.0.1:3478?transport=udp', 'turn:127.0.0.1:3478?transport=tcp'];

describe('readiness TURN credentials', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ extensions: [readinessTurnExtension], config: { turn: { secret, urls, ttlSeconds: 120 } } });
  });
  afterAll(() => t?.close());

  it.each(['av.berger', 'it.wagner'])('hands %s a credential that coturn accepts and that expires as configured', async (username) => {
    const token = await t.login(username);
    const before = Math.floor(Date.now() / 1000);
    const response = await t.request(READINESS_TURN_PATH, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const grant = ReadinessTurnGrant.parse(await response.json());
    expect(grant.turnUrls).toEqual(urls);
    const [server] = grant.iceServers;
    expect(server?.urls).toEqual(urls);
    const [expiry, user] = (server?.username ?? '').split(':') as [string, string];
    expect(Number(expiry) - before).toBeGreaterThanOrEqual(120);
    expect(Number(expiry) - before).toBeLessThanOrEqual(122);
    expect(Date.parse(grant.expiresAt ?? '')).toBe(Number(expiry) * 1000);
    expect(user).toMatch(/^geraetepruefung\./);
    // coturn's check: base64(HMAC-SHA1(static-auth-secret, username)).
    expect(server?.credential).toBe(createHmac('sha1', secret).update(server?.username ?? '').digest('base64'));
    expect(JSON.stringify(grant)).not.toContain(secret);
  });

  it('answers 401 without a token and with a wrong one', async () => {
    expect((await t.request(READINESS_TURN_PATH)).status).toBe(401);
    expect((await t.request(READINESS_TURN_PATH, { token: 'kein-gueltiges-token' })).status).toBe(401);
  });

  it('refuses team leads with a 403 that says who may', async () => {
    const response = await t.request(READINESS_TURN_PATH, { token: await t.login('tl.hoffmann') });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('IT-Support');
  });
});

describe('readiness TURN credentials, lifetimes and no TURN', () => {
  it('caps a long configured lifetime at ten minutes', async () => {
    const t = await startTestServer({ extensions: [readinessTurnExtension], config: { turn: { secret, urls, ttlSeconds: 7200 } } });
    try {
      const token = await t.login('it.wagner');
      // The grant is issued between `before` and `after`; bounds from both sides hold on a loaded machine too.
      const before = Date.now();
      const grant = ReadinessTurnGrant.parse(await (await t.request(READINESS_TURN_PATH, { token })).json());
      const after = Date.now();
      const expiresAt = Date.parse(grant.expiresAt ?? '');
      expect((expiresAt - before) / 1000).toBeGreaterThan(598);
      expect((expiresAt - after) / 1000).toBeLessThanOrEqual(601);
    } finally {
      await t.close();
    }
  });

  it('hands out nothing when the server has no TURN set up', async () => {
    const t = await startTestServer({ extensions: [readinessTurnExtension] });
    try {
      const response = await t.request(READINESS_TURN_PATH, { token: await t.login('av.berger') });
      expect(response.status).toBe(200);
      expect(ReadinessTurnGrant.parse(await response.json())).toEqual({ turnUrls: [], iceServers: [], expiresAt: null });
    } finally {
      await t.close();
    }
  });
});
