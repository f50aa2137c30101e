/**
 * The customer's guest page in Chromium, served by the real server (core + signalling extension, demo data):
 * link → consent (with the telephone alternative) → device preview (fake camera) → waiting room → admitted
 * or refused by the counsellor (a Node signalling client here). axe-core on every step: no serious or critical
 * violation. Strict CSP: no violation, no request to any other origin.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromiumLaunch } from '../../../playwright.config.js';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AppointmentFeedReply } from '../../../src-shared/http/sync-api.js';
import { CreateGuestLinkReply } from '../../../src-shared/signalling/guest-api.js';
import { SignallingClient } from '../../../src-main/services/signalling/client.js';
import { signallingExtension } from '../../../src-server/signalling/extension.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

test.use({
  launchOptions: { ...chromiumLaunch, args: [...chromiumLaunch.args, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] },
  permissions: ['camera', 'microphone'],
});

let t: TestServer;
let token: string;
let appointment: Appointment;

test.beforeAll(async () => {
  // Built by `npm run build` (vite): the server serves out/renderer/guest.html (GUEST_PAGE_BUILD: another build).
  const build = process.env.GUEST_PAGE_BUILD ?? 'out/renderer';
  expect(existsSync(`${build}/guest.html`), `${build}/guest.html fehlt: erst "npm run build" oder "npx vite build"`).toBe(true);
  t = await startTestServer({ extensions: [signallingExtension], config: { guest: { pageDir: build } } });
  token = await t.login('av.berger');
  const feed = AppointmentFeedReply.parse(await (await t.request('/api/v1/appointments?from=2026-11-01&to=2026-12-31', { token })).json());
  // Links are made only for planned appointments (a held or cancelled one's links are refused).
  appointment = feed.items.find((a) => a.channel === 'video' && a.status === 'planned') ?? (feed.items.find((a) => a.status === 'planned') as Appointment);
});
test.afterAll(async () => t?.close());

async function newLink(): Promise<CreateGuestLinkReply> {
  const res = await t.request('/api/v1/guest-links', { token, json: { appointmentId: appointment.id, role: 'customer' } });
  expect(res.status).toBe(201);
  return CreateGuestLinkReply.parse(await res.json());
}

/** Records CSP violations and every request to another origin. */
async function watch(page: Page) {
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return;
    if (url.host !== new URL(t.url).host) problems.push(`fremde Anfrage: ${request.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to load (CSP): ${event.violatedDirective} ${event.blockedURI}`));
  });
  return problems;
}

async function axe(page: Page, step: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${step}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function consentAndPreview(page: Page, link: CreateGuestLinkReply, name: string) {
  await page.goto(link.url);
  await expect(page.getByRole('heading', { name: 'Einwilligung in die Videoberatung' })).toBeVisible();
  // The token left the address bar (and so any screen share) at once.
  expect(page.url()).toBe(`${t.url}/guest/`);
  await page.getByLabel('Ihr Name').fill(name);
  await page.getByLabel('Ich willige ein').check();
  await page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Kamera und Mikrofon prüfen' })).toBeVisible();
}

test('consent, device preview, waiting room and admission are accessible, in German and English, under a strict CSP', async ({ page }) => {
  const problems = await watch(page);
  const link = await newLink();
  const response = await page.goto(link.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');

  await expect(page.getByRole('heading', { name: 'Einwilligung in die Videoberatung' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await axe(page, 'Einwilligung');

  // The alternative to video is always one click away.
  await page.getByText('Ich möchte nicht per Video sprechen').click();
  await expect(page.getByRole('link', { name: /0800 4 5555 00/ })).toBeVisible();

  // Consent needs a name and the tick; the form says what is missing.
  await page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
  await expect(page.getByRole('alert')).toContainText('Bitte geben Sie einen Namen ein.');
  await page.getByLabel('Ihr Name').fill('Erika Mustermann');
  await page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
  await expect(page.getByRole('alert')).toContainText('Bitte setzen Sie das Häkchen');

  // English, then back.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { name: 'Consent to the video consultation' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await axe(page, 'Consent (English)');
  await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();

  await page.getByLabel('Ich willige ein').check();
  await page.getByRole('button', { name: 'Einwilligen und weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Kamera und Mikrofon prüfen' })).toBeVisible();
  const consentRecord = (await t.server.core.repository.appointments.get(appointment.id))?.consent;
  expect(consentRecord).toMatchObject({ via: 'guest_page', textVersion: expect.any(String) });

  const join = page.getByRole('button', { name: 'Warteraum betreten' });
  await expect(join).toBeEnabled();
  await axe(page, 'Geräte');

  const host = new SignallingClient({ serverUrl: t.url, auth: { kind: 'counsellor', token, appointmentId: appointment.id }, displayName: 'Beraterin' });
  const welcome = await host.connect();
  const waiting = host.next('waiting.joined');
  await join.click();
  await expect(page.getByRole('heading', { name: 'Sie sind im Warteraum' })).toBeVisible();
  const guest = (await waiting).participant;
  expect(guest).toMatchObject({ role: 'customer', displayName: 'Erika Mustermann' });
  await axe(page, 'Warteraum');

  host.send({ type: 'admit', participantId: guest.id });
  // Admitted: the page hands over to the call (issue 5's components); the guest calls the counsellor.
  const offer = await host.next('signal', (m) => m.from === guest.id, 15_000);
  expect(offer.data.type).toBe('offer');
  await expect(page.getByRole('button', { name: 'Gespräch verlassen' })).toBeVisible();
  expect(welcome.self.role).toBe('counsellor');
  await host.leave(true);
  await expect(page.getByRole('heading', { name: 'Das Gespräch ist beendet' })).toBeVisible();
  await axe(page, 'Ende');
  expect(problems).toEqual([]);
});

test('a refused guest sees a clear message and the telephone alternative', async ({ page }) => {
  const problems = await watch(page);
  const link = await newLink();
  const host = new SignallingClient({ serverUrl: t.url, auth: { kind: 'counsellor', token, appointmentId: appointment.id }, displayName: 'Beraterin' });
  await host.connect();
  const waiting = host.next('waiting.joined');
  await consentAndPreview(page, link, 'Max Muster');
  await page.getByRole('button', { name: 'Warteraum betreten' }).click();
  host.send({ type: 'refuse', participantId: (await waiting).participant.id, reason: 'reschedule' });
  await expect(page.getByRole('heading', { name: 'Das Gespräch findet so nicht statt' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('neuen Termin');
  await expect(page.getByRole('link', { name: /0800 4 5555 00/ })).toBeVisible();
  await axe(page, 'Abgewiesen');
  await host.leave(true);
  expect(problems).toEqual([]);
});

test('a used, revoked or forged link ends on a clear message with the alternative', async ({ page }) => {
  const link = await newLink();
  await fetch(`${t.url}/api/v1/guest-links/${link.linkId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  await page.goto(link.url);
  await expect(page.getByRole('alert')).toContainText('zurückgezogen');
  await axe(page, 'Link zurückgezogen');
  await page.goto(`${t.url}/guest/#${link.token.slice(0, -4)}AAAA`);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('ungültig');
});
