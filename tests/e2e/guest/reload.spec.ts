/**
 * A guest who reloads the page in the waiting room keeps the place: the single-use link is already used, so the
 * page resumes with the resume token it kept for this tab (session storage) instead of joining again. Past the
 * grace period the page says clearly that the place is gone, with the alternative.
 *
 * The page is served from a private copy of the built `out/renderer` (`npm run build` first), so a rebuild of the
 * shared tree during the test cannot pull the files away.
 */
import { expect, test, type Page } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumLaunch } from '../../../playwright.config.js';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AppointmentFeedReply } from '../../../src-shared/http/sync-api.js';
import { CreateGuestLinkReply } from '../../../src-shared/signalling/guest-api.js';
import type { ServerMessage } from '../../../src-shared/signalling/messages.js';
import { SignallingClient } from '../../../src-main/services/signalling/client.js';
import { signallingExtension } from '../../../src-server/signalling/extension.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

test.use({
  launchOptions: { ...chromiumLaunch, args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] },
  permissions: ['camera', 'microphone'],
});

const GRACE_MS = 4_000;
/** The built renderer; GUEST_PAGE_BUILD names another build (e.g. a guest-only one while the full build is broken). */
const BUILD = process.env.GUEST_PAGE_BUILD ?? 'out/renderer';
let pageDir: string;
let t: TestServer;
let token: string;
let appointment: Appointment;

test.beforeAll(async () => {
  expect(existsSync(join(BUILD, 'guest.html')), `${BUILD}/guest.html fehlt: erst "npm run build"`).toBe(true);
  pageDir = await mkdtemp(join(tmpdir(), 'br-guest-page-'));
  await cp(resolve(BUILD), pageDir, { recursive: true });
  // A short grace period, so the second test can outlast it; the first reloads well within it.
  t = await startTestServer({ extensions: [signallingExtension], config: { guest: { pageDir }, signalling: { resumeGraceMs: GRACE_MS } } });
  token = await t.login('av.berger');
  const feed = AppointmentFeedReply.parse(await (await t.request('/api/v1/appointments?from=2026-11-01&to=2026-12-31', { token })).json());
  // Links are made only for planned appointments (a held or cancelled one's links are refused).
  appointment = feed.items.find((a) => a.channel === 'video' && a.status === 'planned') ?? (feed.items.find((a) => a.status === 'planned') as Appointment);
});
test.afterAll(async () => {
  await t?.close();
  if (pageDir) await rm(pageDir, { recursive: true, force: true });
});

/** Single-use link → consent → preview → waiting room; resolves with the guest as the counsellor sees it. */
async function enterWaitingRoom(page: Page, host: SignallingClient) {
  const res = await t.request('/api/v1/guest-links', { token, json: { appointmentId: appointment.id, role: 'customer', maxUses: 1 } });
  expect(res.status).toBe(201);
  const link = CreateGuestLinkReply.parse(await res.json());
  await page.goto(link.url);
  await page.getByLabel('Ihr Name').fill('Erika Mustermann');
  await page.getByLabel('Ich willige ein').check();
  await page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
  const waiting = host.next('waiting.joined');
  await page.getByRole('button', { name: 'Warteraum betreten' }).click();
  await expect(page.getByRole('heading', { name: 'Sie sind im Warteraum' })).toBeVisible();
  return (await waiting).participant;
}

test('reloading in the waiting room keeps the place (same participant, link not used again), then admission works', async ({ page }) => {
  const host = new SignallingClient({ serverUrl: t.url, auth: { kind: 'counsellor', token, appointmentId: appointment.id }, displayName: 'Beraterin' });
  await host.connect();
  const guest = await enterWaitingRoom(page, host);
  const seen: ServerMessage[] = [];
  host.on('message', (m) => seen.push(m));

  const back = host.next('participant.connection', (m) => m.participantId === guest.id && m.connected, 15_000);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sie sind im Warteraum' })).toBeVisible();
  await back;
  // The same participant came back: never left the waiting room, no second guest joined, no LINK_USED.
  expect(seen.filter((m) => m.type === 'waiting.left' || m.type === 'waiting.joined')).toEqual([]);
  await expect(page.getByRole('alert')).toHaveCount(0);

  host.send({ type: 'admit', participantId: guest.id });
  const offer = await host.next('signal', (m) => m.from === guest.id, 15_000);
  expect(offer.data.type).toBe('offer');
  await expect(page.getByRole('button', { name: 'Gespräch verlassen' })).toBeVisible();
  await host.leave(true);
});

test('after the grace period a reload says clearly that the place is gone, with the alternative', async ({ page }) => {
  const host = new SignallingClient({ serverUrl: t.url, auth: { kind: 'counsellor', token, appointmentId: appointment.id }, displayName: 'Beraterin' });
  await host.connect();
  const guest = await enterWaitingRoom(page, host);
  // Away from the page (same tab, so session storage stays) for longer than the grace period.
  const gone = host.next('waiting.left', (m) => m.participantId === guest.id, GRACE_MS + 10_000);
  await page.goto('about:blank');
  await gone;
  await page.goto(`${t.url}/guest/`);
  await expect(page.getByRole('alert')).toContainText('Ihr Platz im Warteraum ist nicht mehr frei');
  await expect(page.getByRole('link', { name: /0800 4 5555 00/ })).toBeVisible();
  // The spent token is forgotten: another reload ends at the used link, not at a second resume attempt.
  expect(await page.evaluate(() => sessionStorage.getItem('guest.resume'))).toBeNull();
  await host.leave(true);
});
