import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readinessHandlers } from '../../../src-main/services/readiness/handlers.js';
import { readinessTurnExtension } from '../../../src-server/turn/staff-grant.js';
import { assembleReport, completedCheck } from '../../../src-shared/readiness/assemble.js';
import { renderReportHtml } from '../../../src-shared/readiness/html.js';
import type { LocalStore } from '../../../src-main/services/store/local-store.js';
import type { LocalData } from '../../../src-main/services/store/local-data.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const report = (id: string) =>
  assembleReport({
    id,
    createdAt: '2026-11-23T02:00:00.000Z',
    mode: 'app',
    app: { version: '0.1.0', platform: 'linux-x64' },
    checks: [completedCheck('headset', [{ code: 'headset.device-headset', severity: 'info', params: {} }], { output: 'Kopfhörer <Jabra & Co>' }, { startedAt: '2026-11-23T02:00:00.000Z', durationMs: 5 })],
  });

/** Just the two store calls the handlers use, over an array: the store itself is tested by its owner. */
function fakeStore(state: 'unlocked' | 'locked') {
  const rows: { id: string; createdAt: string; report: unknown }[] = [];
  const store = {
    addDeviceCheckReport: (id: string, r: unknown, at: Date) => rows.unshift({ id, createdAt: at.toISOString(), report: JSON.parse(JSON.stringify(r)) as unknown }),
    deviceCheckReports: () => rows,
  } as unknown as LocalStore;
  const localData = { status: () => ({ state }), use: () => store } as unknown as Pick<LocalData, 'status' | 'use'>;
  return { rows, localData };
}

describe('readiness handlers', () => {
  it('keeps reports in the encrypted store when it is unlocked, and skips rows that no longer match the schema', async () => {
    const { rows, localData } = fakeStore('unlocked');
    const handlers = readinessHandlers({ localData, serverSession: () => null });
    expect(await handlers['readiness.saveReport']({ report: report('0f8fad5b-d9cb-469f-a165-70867728950e') })).toEqual({ storedIn: 'store' });
    rows.push({ id: 'old', createdAt: '2025-01-01T00:00:00.000Z', report: { schemaVersion: 0 } });
    const history = await handlers['readiness.history']({});
    expect(history.storedIn).toBe('store');
    expect(history.reports.map((r) => r.id)).toEqual(['0f8fad5b-d9cb-469f-a165-70867728950e']);
  });

  it('keeps reports in memory while the store is locked or not set up, and says so', async () => {
    const { rows, localData } = fakeStore('locked');
    const handlers = readinessHandlers({ localData, serverSession: () => null });
    expect(await handlers['readiness.saveReport']({ report: report('1f8fad5b-d9cb-469f-a165-70867728950e') })).toEqual({ storedIn: 'memory' });
    expect(rows).toHaveLength(0);
    expect(await handlers['readiness.history']({})).toMatchObject({ storedIn: 'memory', reports: [{ id: '1f8fad5b-d9cb-469f-a165-70867728950e' }] });
  });

});

describe('readiness network target from the signed-in server', () => {
  const turn = { secret: 'coturn-static-auth-secret-for-handlers', urls: ['turn:10.0.0.1:3478?transport=udp', 'turn:10.0.0.1:3478?transport=tcp'], ttlSeconds: 300 };
  let withTurn: TestServer;
  let withoutTurn: TestServer;
  beforeAll(async () => {
    [withTurn, withoutTurn] = await Promise.all([
      startTestServer({ extensions: [readinessTurnExtension], config: { turn } }),
      startTestServer({ extensions: [readinessTurnExtension] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([withTurn?.close(), withoutTurn?.close()]);
  });
  const handlersFor = (session: { serverUrl: string; token: string } | null) => readinessHandlers({ localData: null, serverSession: () => session });

  it('signed out: no TURN target and no server to ask, without reading any environment', async () => {
    const before = process.env.BERATUNGSRAUM_TURN_SECRET;
    process.env.BERATUNGSRAUM_TURN_SECRET = 'must-not-be-used';
    try {
      const handlers = handlersFor(null);
      expect(await handlers['readiness.turnTarget']({})).toEqual({ status: 'signed-out' });
      expect(await handlers['readiness.probeServer']({})).toEqual({ signedIn: false });
    } finally {
      if (before === undefined) delete process.env.BERATUNGSRAUM_TURN_SECRET;
      else process.env.BERATUNGSRAUM_TURN_SECRET = before;
    }
  });

  it('signed in as a counsellor: the server\'s TURN URLs with a credential valid for the configured lifetime, and the server\'s round trip', async () => {
    const handlers = handlersFor({ serverUrl: withTurn.url, token: await withTurn.login('av.berger') });
    const target = await handlers['readiness.turnTarget']({});
    if (target.status !== 'ready') throw new Error(`erwartet ready, war ${JSON.stringify(target)}`);
    expect(target.turnUrls).toEqual(turn.urls);
    expect(target.iceServers[0]?.credential).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const lifetime = (Date.parse(target.expiresAt ?? '') - Date.now()) / 1000;
    expect(lifetime).toBeGreaterThan(290);
    expect(lifetime).toBeLessThanOrEqual(301);
    const health = await handlers['readiness.probeServer']({});
    expect(health).toMatchObject({ signedIn: true, reachable: true, detail: 'HTTP 200' });
    expect(health.signedIn && health.rttMs).toBeGreaterThan(0);
  });

  it('a session the server no longer knows counts as signed out; a team lead is refused', async () => {
    expect(await handlersFor({ serverUrl: withTurn.url, token: 'abgelaufen' })['readiness.turnTarget']({})).toEqual({ status: 'signed-out' });
    expect(await handlersFor({ serverUrl: withTurn.url, token: await withTurn.login('tl.hoffmann') })['readiness.turnTarget']({})).toEqual({ status: 'refused' });
  });

  it('a server without TURN says so; a server that is down is unreachable', async () => {
    expect(await handlersFor({ serverUrl: withoutTurn.url, token: await withoutTurn.login('it.wagner') })['readiness.turnTarget']({})).toEqual({ status: 'not-configured' });
    const gone = await startTestServer({ extensions: [readinessTurnExtension], config: { turn } });
    const session = { serverUrl: gone.url, token: await gone.login('it.wagner') };
    await gone.close();
    const handlers = handlersFor(session);
    expect(await handlers['readiness.turnTarget']({})).toMatchObject({ status: 'failed', detail: 'refused' });
    expect(await handlers['readiness.probeServer']({})).toEqual({ signedIn: true, url: gone.url, reachable: false, rttMs: null, detail: 'refused', cause: 'refused' });
  });
});

describe('printable HTML report', () => {
  it('escapes device labels and shows verdict, evidence and hint in the chosen language', () => {
    const html = renderReportHtml(report('2f8fad5b-d9cb-469f-a165-70867728950e'), 'de');
    expect(html).toContain('Kopfhörer &lt;Jabra &amp; Co&gt;');
    expect(html).not.toContain('<Jabra');
    expect(html).toContain('Ergebnis: <span class="bereit">bereit</span>');
    expect(html).not.toMatch(/<script/i);
    expect(renderReportHtml(report('2f8fad5b-d9cb-469f-a165-70867728950e'), 'en')).toContain('Result: <span class="bereit">ready</span>');
  });
});
