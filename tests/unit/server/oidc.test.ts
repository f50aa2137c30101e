/**
 * Bearer tokens from an identity provider: keys generated here, served as a JWKS file and over HTTP on loopback.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcConfig } from '../../../src-shared/http/server-config.js';
import { ApiError, MeReply } from '../../../src-shared/http/sync-api.js';
import { BearerRejected, createJwtValidator, type JwtValidator } from '../../../src-server/auth/oidc.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const ISSUER = 'https://idp.arbeitsagentur.test/realms/ba';
const AUDIENCE = 'beratungsraum';

let dir: string;
let signing: CryptoKey;
let stranger: CryptoKey;
let jwksFile: string;
let jwks: { keys: JWK[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oidc-'));
  const pair = await generateKeyPair('ES256');
  signing = pair.privateKey;
  stranger = (await generateKeyPair('ES256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface TokenOptions {
  key?: CryptoKey;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
  claims?: Record<string, unknown>;
}

function token(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: 'Dr. Eva Roth', beratungsraum_role: 'counsellor', fachdienst: 'BPS', region: 'AA Köln', ...options.claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('u-idp-roth')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(options.expiresAt ?? now + 600)
    .sign(options.key ?? signing);
}

async function rejection(validator: JwtValidator, jwt: string): Promise<string> {
  try {
    await validator.validate(jwt);
  } catch (error) {
    if (error instanceof BearerRejected) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('JWT validator with a JWKS file', () => {
  let validator: JwtValidator;
  beforeAll(async () => {
    validator = await createJwtValidator(OidcConfig.parse({ issuer: ISSUER, audience: AUDIENCE, jwksFile, algorithms: ['ES256'] }));
  });

  it('accepts a good token and maps its claims to the user', async () => {
    expect(await validator.validate(await token())).toEqual({
      id: 'u-idp-roth',
      displayName: 'Dr. Eva Roth',
      role: 'counsellor',
      fachdienst: 'BPS',
      region: 'AA Köln',
    });
  });

  it('rejects expired, wrong-issuer, wrong-audience and wrongly signed tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await rejection(validator, await token({ expiresAt: now - 120 }))).toBe('expired');
    expect(await rejection(validator, await token({ issuer: 'https://evil.example' }))).toBe('bad_claims');
    expect(await rejection(validator, await token({ audience: 'other-app' }))).toBe('bad_claims');
    expect(await rejection(validator, await token({ key: stranger }))).toBe('bad_signature');
    expect(await rejection(validator, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).toBe('bad_signature');
  });

  it('rejects a token without a valid role instead of guessing one', async () => {
    expect(await rejection(validator, await token({ claims: { beratungsraum_role: 'admin' } }))).toBe('bad_claims');
    expect(await rejection(validator, await token({ claims: { beratungsraum_role: 'counsellor', fachdienst: null } }))).toBe('bad_claims');
  });
});

describe('JWT bearer at the server, keys fetched from the IdP over HTTP', () => {
  let idp: Server;
  let t: TestServer;

  beforeAll(async () => {
    idp = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((done) => idp.listen(0, '127.0.0.1', done));
    const jwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/certs`;
    t = await startTestServer({ config: { auth: { oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, algorithms: ['ES256'] } } } });
  });
  afterAll(async () => {
    await t?.close();
    idp?.close();
  });

  it('lets a good token in and audits the refused ones', async () => {
    const me = await t.request('/api/v1/me', { token: await token() });
    expect(me.status).toBe(200);
    expect(MeReply.parse(await me.json()).user).toMatchObject({ id: 'u-idp-roth', fachdienst: 'BPS' });

    const expired = await t.request('/api/v1/me', { token: await token({ expiresAt: Math.floor(Date.now() / 1000) - 120 }) });
    expect(expired.status).toBe(401);
    expect(ApiError.parse(await expired.json()).error.code).toBe('UNAUTHENTICATED');
    expect((await t.request('/api/v1/me', { token: await token({ key: stranger }) })).status).toBe(401);

    const reasons = (await t.server.core.repository.audit.list(20)).map((entry) => entry.reason);
    expect(reasons).toEqual(expect.arrayContaining(['jwt_expired', 'jwt_bad_signature']));
  });
});

describe('JWT bearer when the IdP cannot be reached', () => {
  it('answers 503 instead of calling a good token badly signed', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const jwksUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/certs`;
    await new Promise<void>((done) => closed.close(() => done()));
    const t = await startTestServer({ config: { auth: { oidc: { issuer: ISSUER, audience: AUDIENCE, jwksUrl, algorithms: ['ES256'] } } } });
    try {
      const reply = await t.request('/api/v1/me', { token: await token() });
      expect(reply.status).toBe(503);
      expect(ApiError.parse(await reply.json()).error.code).toBe('IDP_UNREACHABLE');
      expect((await t.request('/api/v1/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
