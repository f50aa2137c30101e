import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, LoginReply, MeReply } from '../../../src-shared/http/sync-api.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ config: { auth: { maxFailedLogins: 3 } } });
});
afterAll(async () => t?.close());

describe('built-in login', () => {
  it('issues a token for the right password and tells who it belongs to', async () => {
    const reply = await t.request('/api/v1/auth/login', { json: { username: 'bb.schulz', password: 'demo-bb-schulz' } });
    expect(reply.status).toBe(200);
    const body = LoginReply.parse(await reply.json());
    expect(body.user).toMatchObject({ id: 'u-bb-schulz', role: 'counsellor', fachdienst: 'BB' });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());

    const me = await t.request('/api/v1/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(MeReply.parse(await me.json()).user.id).toBe('u-bb-schulz');
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    for (const [username, password] of [
      ['av.berger', 'falsch'],
      ['niemand', 'demo-av-berger'],
    ] as const) {
      const reply = await t.request('/api/v1/auth/login', { json: { username, password } });
      expect(reply.status).toBe(401);
      expect(ApiError.parse(await reply.json()).error.code).toBe('LOGIN_FAILED');
    }
    const audit = await t.server.core.repository.audit.list(50);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'auth.login', target: 'av.berger', reason: 'bad_password' }),
        expect.objectContaining({ action: 'auth.login', target: 'niemand', reason: 'unknown_user' }),
      ]),
    );
  });

  it('slows down guessing from one address (even the right password waits), never locks the account', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await t.request('/api/v1/auth/login', { json: { username: 'reha.yilmaz', password: 'nein' } })).status).toBe(401);
    }
    const throttled = await t.request('/api/v1/auth/login', { json: { username: 'reha.yilmaz', password: 'demo-reha-yilmaz' } });
    expect(throttled.status).toBe(429);
    const error = ApiError.parse(await throttled.json()).error;
    expect(error.code).toBe('LOGIN_THROTTLED');
    expect(error.message).toMatch(/warten Sie \d+ Sekunde/);
    const audit = await t.server.core.repository.audit.list(50);
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'auth.login', target: 'reha.yilmaz', reason: 'throttled' })]));
  });

  it('refuses requests without, with a forged or with a logged-out token', async () => {
    const none = await t.request('/api/v1/appointments?from=2026-11-16&to=2026-11-27');
    expect(none.status).toBe(401);
    expect(ApiError.parse(await none.json()).error.code).toBe('UNAUTHENTICATED');

    const forged = await t.request('/api/v1/me', { token: 'brs_' + 'A'.repeat(43) });
    expect(forged.status).toBe(401);

    const token = await t.login('av.berger');
    expect((await t.request('/api/v1/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect((await t.request('/api/v1/me', { token })).status).toBe(401);

    const reasons = (await t.server.core.repository.audit.list(100)).map((entry) => entry.reason);
    expect(reasons).toEqual(expect.arrayContaining(['no_token', 'session_invalid']));
  });
});

describe('refresh tokens', () => {
  const signIn = async (username: string) => {
    const account = t.server.demoAccounts.find((candidate) => candidate.username === username)!;
    return LoginReply.parse(await (await t.request('/api/v1/auth/login', { json: { username, password: account.password } })).json());
  };
  const refresh = (refreshToken: string) => t.request('/api/v1/auth/refresh', { json: { refreshToken } });

  it('gives a new pair for a refresh token, and the old one works no more', async () => {
    const first = await signIn('bb.schulz');
    const reply = await refresh(first.refreshToken);
    expect(reply.status).toBe(200);
    const second = LoginReply.parse(await reply.json());
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.id).toBe('u-bb-schulz');
    expect((await t.request('/api/v1/me', { token: second.token })).status).toBe(200);
    expect(Date.parse(second.refreshExpiresAt)).toBeGreaterThan(Date.now());
  });

  it('revokes the whole sign-in when a spent refresh token comes back (it was copied)', async () => {
    const first = await signIn('bb.schulz');
    const second = LoginReply.parse(await (await refresh(first.refreshToken)).json());
    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(ApiError.parse(await replay.json()).error.code).toBe('UNAUTHENTICATED');
    expect((await refresh(second.refreshToken)).status).toBe(401);
    const reasons = (await t.server.core.repository.audit.list(100)).map((entry) => entry.reason);
    expect(reasons).toContain('refresh_reused');
  });

  it('signs out with the refresh token alone, and refuses made-up ones', async () => {
    const first = await signIn('av.berger');
    expect((await t.request('/api/v1/auth/logout', { json: { refreshToken: first.refreshToken } })).status).toBe(204);
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh('brr_' + 'A'.repeat(43))).status).toBe(401);
    expect((await t.request('/api/v1/auth/refresh', { json: { refreshToken: '' } })).status).toBe(400);
  });
});

describe('login throttle per (account, address) (issue 13, L1)', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    // Behind a reverse proxy that sets X-Forwarded-For: the way to come from several addresses in one test.
    proxied = await startTestServer({ config: { auth: { maxFailedLogins: 3 }, http: { trustProxy: true } } as never });
  });
  afterAll(async () => proxied?.close());
  const login = (from: string, password: string) =>
    proxied.request('/api/v1/auth/login', { json: { username: 'av.berger', password }, headers: { 'x-forwarded-for': from } });

  it('an attacker who hammers a username from elsewhere cannot keep the counsellor from signing in', async () => {
    // The remote lockout of the review: many wrong passwords from an address that is not the counsellor's.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) statuses.push((await login('203.0.113.9', `falsch-${attempt}`)).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    // From then on, the attacker's address is told to wait (its guesses are not even checked).
    expect(statuses.slice(3).every((status) => status === 429)).toBe(true);
    // The counsellor, from the own machine, signs in at once.
    const mine = await login('198.51.100.7', 'demo-av-berger');
    expect(mine.status).toBe(200);
    const audit = await proxied.server.core.repository.audit.list(100);
    expect(audit.filter((entry) => entry.reason === 'throttled' && entry.ip === '203.0.113.9').length).toBe(17);
  });
});
