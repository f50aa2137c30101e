import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewExportReply } from '../../../src-shared/http/review-api.js';
import { API_PREFIX } from '../../../src-shared/http/sync-api.js';
import { REVIEW_EXPORT_PATH, reviewExtension } from '../../../src-server/review/extension.js';
import { startServer, type RunningServer } from '../../../src-server/server.js';

const SECRET = 'endpoint-test-secret-at-least-32-bytes-long';

describe('POST /api/v1/review/export on the real server', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'br-review-'));
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      demoData: true,
      // A fortnight in the past: the demo appointments are held and most have notes.
      config: { demo: { startDate: '2026-10-05' }, review: { secret: SECRET } },
      extensions: [reviewExtension],
      log: () => {},
    });
  });

  afterAll(async () => {
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function tokenOf(username: string): Promise<string> {
    const account = server.demoAccounts.find((candidate) => candidate.username === username)!;
    const response = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: account.password }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  const exportAs = (token: string | null, body: unknown) =>
    fetch(`${server.url}${REVIEW_EXPORT_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('gives a team lead a pseudonymised sample of their region without BPS cases', async () => {
    const lead = server.demoAccounts.find((account) => account.role === 'team_lead')!;
    const response = await exportAs(await tokenOf(lead.username), { month: '2026-10', seed: 'VKB-2026-10' });
    expect(response.status).toBe(200);
    const reply = ReviewExportReply.parse(await response.json());
    expect(reply.region).toBe(lead.region);
    expect(reply.cases.length).toBe(Math.min(10, reply.population));
    expect(reply.cases.length).toBeGreaterThan(0);
    expect(reply.cases.every((c) => c.region === lead.region && c.fachdienst !== 'BPS' && c.type !== 'bps_begutachtung')).toBe(true);

    // No customer name or number of the month, and no staff name, reaches the export.
    const { items } = await server.core.repository.appointments.snapshot(
      { counsellorId: null, region: null, includeBps: true },
      { startMs: Date.parse('2026-10-01T00:00:00Z'), endMs: Date.parse('2026-11-01T00:00:00Z') },
    );
    const text = JSON.stringify(reply);
    for (const appointment of items) {
      expect(text).not.toContain(appointment.customer.customerNumber);
      expect(text).not.toContain(appointment.customer.displayName);
      expect(text).not.toContain(appointment.customer.pseudonym);
    }
    for (const account of server.demoAccounts) expect(text).not.toContain(account.displayName);
    expect(text).not.toContain(SECRET);
  });

  it('refuses counsellors, IT support and anonymous callers', async () => {
    const counsellor = server.demoAccounts.find((account) => account.role === 'counsellor')!;
    const it = server.demoAccounts.find((account) => account.role === 'it_support')!;
    expect((await exportAs(await tokenOf(counsellor.username), { month: '2026-10', seed: 's' })).status).toBe(403);
    expect((await exportAs(await tokenOf(it.username), { month: '2026-10', seed: 's' })).status).toBe(403);
    expect((await exportAs(null, { month: '2026-10', seed: 's' })).status).toBe(401);
  });

  it('refuses a sample below the BA minimum of 10 with a German message', async () => {
    const lead = server.demoAccounts.find((account) => account.role === 'team_lead')!;
    const response = await exportAs(await tokenOf(lead.username), { month: '2026-10', seed: 's', sampleSize: 5 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_BODY');
  });
});

describe('the review on a demo server without a configured key', () => {
  it('draws with a key of its own, says so, and narrows the sample to the chosen process', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'br-review-demo-'));
    const lines: string[] = [];
    const previous = process.env.BERATUNGSRAUM_VKB_SECRET;
    delete process.env.BERATUNGSRAUM_VKB_SECRET;
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      demoData: true,
      config: { demo: { startDate: '2026-10-05' } },
      extensions: [reviewExtension],
      log: (line) => lines.push(line),
    });
    try {
      expect(lines.some((line) => line.includes('VKB-Prüfung: Demo-Schlüssel erzeugt'))).toBe(true);
      const lead = server.demoAccounts.find((account) => account.role === 'team_lead')!;
      const login = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: lead.username, password: lead.password }),
      });
      const { token } = (await login.json()) as { token: string };
      const draw = async (body: unknown) => {
        const response = await fetch(`${server.url}${REVIEW_EXPORT_PATH}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(200);
        return ReviewExportReply.parse(await response.json());
      };
      const all = await draw({ month: '2026-10', seed: 'demo', sampleSize: 200 });
      const bb = await draw({ month: '2026-10', seed: 'demo', sampleSize: 200, fachdienst: 'BB' });
      expect(new Set(all.cases.map((item) => item.fachdienst))).toEqual(new Set(['AV', 'BB']));
      expect(bb).toMatchObject({ fachdienst: 'BB' });
      expect(bb.cases.length).toBe(all.cases.filter((item) => item.fachdienst === 'BB').length);
      expect(bb.cases.every((item) => item.fachdienst === 'BB')).toBe(true);
      expect(bb.population).toBe(bb.cases.length);
    } finally {
      if (previous !== undefined) process.env.BERATUNGSRAUM_VKB_SECRET = previous;
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
