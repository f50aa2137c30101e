/**
 * Bad input gets a named, German error and never takes the server down.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { request as rawRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-shared/http/sync-api.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

let t: TestServer;
let token: string;
beforeAll(async () => {
  t = await startTestServer({ config: { http: { bodyLimitBytes: 64 * 1024 } } });
  token = await t.login('av.berger');
});
afterAll(async () => t?.close());

async function errorOf(reply: Response): Promise<{ status: number; code: string; message: string; details?: string[] }> {
  const { error } = ApiError.parse(await reply.json());
  return { status: reply.status, ...error };
}

describe('invalid requests get named errors', () => {
  it('names broken JSON, a wrong content type and missing or wrong fields', async () => {
    expect(await errorOf(await t.request('/api/v1/ops', { token, body: '{"ops": [', headers: { 'content-type': 'application/json' } }))).toMatchObject({
      status: 400,
      code: 'INVALID_JSON',
    });
    expect(await errorOf(await t.request('/api/v1/ops', { token, body: 'ops=1', headers: { 'content-type': 'text/plain' } }))).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const invalid = await errorOf(
      await t.request('/api/v1/ops', { token, json: { ops: [{ opId: 'keine-uuid', type: 'appointment.status', appointmentId: randomUUID(), status: 'vertagt' }] } }),
    );
    expect(invalid).toMatchObject({ status: 400, code: 'INVALID_BODY' });
    expect(invalid.details).toEqual(expect.arrayContaining([expect.stringMatching(/^ops\.0\.opId/), expect.stringMatching(/^ops\.0\.status/), expect.stringMatching(/^ops\.0\.at: fehlt/)]));
    expect(invalid.message).toMatch(/^Die Anfrage ist ungültig/);
    expect(await errorOf(await t.request('/api/v1/ops', { token, json: { ops: [] } }))).toMatchObject({ code: 'INVALID_BODY' });
    expect(await errorOf(await t.request('/api/v1/auth/login', { json: { username: 'x' } }))).toMatchObject({ code: 'INVALID_BODY', details: ['password: fehlt'] });
  });

  it('names bad query parameters', async () => {
    const missing = await errorOf(await t.request('/api/v1/appointments?from=2026-11-16', { token }));
    expect(missing).toMatchObject({ status: 400, code: 'INVALID_QUERY', details: ['to: fehlt'] });
    expect(await errorOf(await t.request('/api/v1/appointments?from=16.11.2026&to=2026-11-20', { token }))).toMatchObject({ code: 'INVALID_QUERY' });
    expect(await errorOf(await t.request('/api/v1/appointments?from=2026-11-16&to=2026-11-20&to=2026-11-21', { token }))).toMatchObject({
      code: 'INVALID_QUERY',
      details: ['to'],
    });
    expect(await errorOf(await t.request('/api/v1/appointments?from=2020-01-01&to=2026-11-20', { token }))).toMatchObject({ code: 'INVALID_QUERY' });
  });

  it('refuses an oversized body with 413 before reading it to the end', async () => {
    const big = JSON.stringify({ ops: [{ pad: 'x'.repeat(100 * 1024) }] });
    expect(await errorOf(await t.request('/api/v1/ops', { token, body: big, headers: { 'content-type': 'application/json' } }))).toMatchObject({
      status: 413,
      code: 'BODY_TOO_LARGE',
    });
  });

  it('answers unknown paths and methods with 404 and 405', async () => {
    expect(await errorOf(await t.request('/api/v1/nirgendwo'))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await errorOf(await t.request('/api/v1/appointments', { method: 'DELETE', token }))).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('sends the security headers on every response', async () => {
    for (const reply of [await t.request('/api/v1/health'), await t.request('/api/v1/nirgendwo')]) {
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('garbage does not take the server down', () => {
  it('survives random bodies, paths and headers and keeps serving', async () => {
    const paths = ['/api/v1/ops', '/api/v1/auth/login', '/api/v1/appointments', '/api/v1/notes', '/%E0%A4%A', '/api/v1/../../etc/passwd'];
    for (let round = 0; round < 300; round += 1) {
      const bytes = randomBytes(round % 7 === 0 ? 2048 : 64);
      const body = round % 3 === 0 ? bytes.toString('latin1') : JSON.stringify({ ops: [{ opId: randomUUID(), type: ['note.save', 'x', 'consent.record'][round % 3], junk: bytes.toString('base64') }] });
      const reply = await t.request(`${paths[round % paths.length]}?since=${bytes.toString('hex', 0, 8)}&from=${round}`, {
        method: round % 5 === 0 ? 'GET' : 'POST',
        token: round % 2 === 0 ? token : `brs_${bytes.toString('base64url', 0, 16)}`,
        ...(round % 5 === 0 ? {} : { body, headers: { 'content-type': 'application/json' } }),
      });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      ApiError.parse(await reply.json());
    }
    // A request line the HTTP parser refuses outright.
    await new Promise<void>((done) => {
      const req = rawRequest(`${t.url}/api/v1/health`, { headers: { 'x-bad': 'a'.repeat(20_000) } }, (res) => {
        res.resume();
        res.on('end', done);
      });
      req.on('error', () => done());
      req.end();
    });
    expect((await t.request('/api/v1/health')).status).toBe(200);
    expect((await t.request('/api/v1/me', { token })).status).toBe(200);
  });
});
