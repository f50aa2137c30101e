import { describe, expect, it } from 'vitest';
import { readinessHandlers } from '../../../src-main/services/readiness/handlers.js';
import { readinessIceServers } from '../../../src-main/services/readiness/turn-config.js';
import { assembleReport, completedCheck } from '../../../src-shared/readiness/assemble.js';
import { renderReportHtml } from '../../../src-shared/readiness/html.js';
import type { LocalStore } from '../../../src-main/services/store/local-store.js';
import type { LocalData } from '../../../src-main/services/store/local-data.js';

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
    const handlers = readinessHandlers({ localData, env: {} });
    expect(await handlers['readiness.saveReport']({ report: report('0f8fad5b-d9cb-469f-a165-70867728950e') })).toEqual({ storedIn: 'store' });
    rows.push({ id: 'old', createdAt: '2025-01-01T00:00:00.000Z', report: { schemaVersion: 0 } });
    const history = await handlers['readiness.history']({});
    expect(history.storedIn).toBe('store');
    expect(history.reports.map((r) => r.id)).toEqual(['0f8fad5b-d9cb-469f-a165-70867728950e']);
  });

  it('keeps reports in memory while the store is locked or not set up, and says so', async () => {
    const { rows, localData } = fakeStore('locked');
    const handlers = readinessHandlers({ localData, env: {} });
    expect(await handlers['readiness.saveReport']({ report: report('1f8fad5b-d9cb-469f-a165-70867728950e') })).toEqual({ storedIn: 'memory' });
    expect(rows).toHaveLength(0);
    expect(await handlers['readiness.history']({})).toMatchObject({ storedIn: 'memory', reports: [{ id: '1f8fad5b-d9cb-469f-a165-70867728950e' }] });
  });

  it('names the TURN target from the environment and mints short-lived credentials only with a secret', async () => {
    const handlers = readinessHandlers({ localData: null, env: { BERATUNGSRAUM_TURN_URLS: 'turn:10.0.0.1:3478?transport=udp' } });
    expect(await handlers['readiness.turnTarget']({})).toEqual({ turnUrls: ['turn:10.0.0.1:3478?transport=udp'], iceServers: [] });
    const [server] = readinessIceServers({ BERATUNGSRAUM_TURN_URLS: 'turn:a:1', BERATUNGSRAUM_TURN_SECRET: 's3cret' }, 1_700_000_000_000);
    expect(server?.username).toBe('1700000600:geraetepruefung');
    expect(server?.credential).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await readinessHandlers({ localData: null, env: {} })['readiness.probeTurn']({})).toEqual({ links: [] });
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
