/**
 * The guest page is never blank: ten links that cannot be used — cut, doubled, far too long, a broken %-escape,
 * `a.b.c`, a web address, a link of another server — each show a German message that says what to do, with the
 * telephone alternative, and reach the server's log without the fragment.
 */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { AppointmentFeedReply } from '../../../src-shared/http/sync-api.js';
import { CreateGuestLinkReply } from '../../../src-shared/signalling/guest-api.js';
import { signallingExtension } from '../../../src-server/signalling/extension.js';
import { TokenSigner } from '../../../src-server/signalling/signed-token.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';

const BUILD = process.env.GUEST_PAGE_BUILD ?? 'out/renderer';
let t: TestServer;
let valid: string;
const serverLog: string[] = [];

test.beforeAll(async () => {
  expect(existsSync(`${BUILD}/guest.html`), `${BUILD}/guest.html fehlt: erst "npm run build"`).toBe(true);
  t = await startTestServer({ extensions: [signallingExtension], config: { guest: { pageDir: BUILD } }, log: (line) => serverLog.push(line) });
  const token = await t.login('av.berger');
  const feed = AppointmentFeedReply.parse(await (await t.request('/api/v1/appointments?from=2026-11-01&to=2026-12-31', { token })).json());
  // Links are made only for planned appointments.
  const appointment = feed.items.find((a) => a.channel === 'video' && a.status === 'planned') ?? (feed.items.find((a) => a.status === 'planned') as Appointment);
  const res = await t.request('/api/v1/guest-links', { token, json: { appointmentId: appointment.id, role: 'customer' } });
  expect(res.status, await res.clone().text()).toBe(201);
  valid = CreateGuestLinkReply.parse(await res.json()).token;
});
test.afterAll(async () => t?.close());

test('ten malformed or foreign links: none leaves a blank page, each says what to do and is logged without the fragment', async ({ context }) => {
  const [body] = valid.split('.') as [string, string];
  const foreign = new TokenSigner('the-secret-of-quite-another-server-0123').sign('guest-link/v1', JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as object);
  const fragments: Record<string, string> = {
    '100.000 Zeichen': 'A'.repeat(100_000),
    'a.b.c': 'a.b.c',
    'kaputtes %-Escape': `${valid.slice(0, 30)}%E0%A4%A`,
    'einzelnes %': '%',
    'halber Link': valid.slice(0, Math.floor(valid.length / 2)),
    'Signatur gekürzt': valid.slice(0, -3),
    'Link doppelt eingefügt': valid + valid,
    'Webadresse statt Link': encodeURIComponent('https://example.org/einladung?id=42'),
    'Markup': encodeURIComponent('<img src=x onerror=alert(1)>'),
    'Link eines anderen Servers': foreign,
  };
  expect(Object.keys(fragments)).toHaveLength(10);
  for (const [name, fragment] of Object.entries(fragments)) {
    await test.step(name, async () => {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const logged = serverLog.length;
      await page.goto(`${t.url}/guest/#${fragment}`);
      await expect(page.getByRole('heading', { name: 'Das hat nicht geklappt' })).toBeVisible();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('neuen Link');
      await expect(alert).toContainText(/Öffnen Sie|bitten Sie/);
      // The way without video is in view on every failure.
      await expect(page.getByRole('link', { name: /0800 4 5555 00/ })).toBeVisible();
      // The fragment left the address bar.
      expect(page.url()).toBe(`${t.url}/guest/`);
      expect(pageErrors).toEqual([]);
      // One line in the server's log per link, with its length, never the fragment or a piece of the token.
      await expect.poll(() => serverLog.length).toBeGreaterThan(logged);
      const lines = serverLog.slice(logged).join('\n');
      expect(lines).toContain(`Link ${fragment.length} Zeichen`);
      expect(lines).not.toContain(body.slice(0, 24));
      if (fragment.length > 8) expect(lines).not.toContain(fragment.slice(0, 24));
      await page.close();
    });
  }
});

test('a page that breaks while it starts or renders still says what to do, and logs only that it happened', async ({ context }) => {
  const cases: Record<string, () => void> = {
    // A locked-down browser that refuses session storage: the page cannot even keep its link.
    'Speicher verweigert': () => {
      Object.defineProperty(window, 'sessionStorage', {
        get() {
          throw new DOMException('Der Zugriff auf den Speicher ist nicht erlaubt.', 'SecurityError');
        },
      });
    },
    // A fault while the consent step renders (here: date formatting): the error boundary takes over.
    'Fehler beim Anzeigen': () => {
      Date.prototype.toLocaleString = () => {
        throw new RangeError('Formatierung nicht möglich');
      };
    },
  };
  for (const [name, breakPage] of Object.entries(cases)) {
    await test.step(name, async () => {
      const page = await context.newPage();
      await page.addInitScript(breakPage);
      const logged = serverLog.length;
      await page.goto(`${t.url}/guest/#${valid}`);
      await expect(page.getByRole('heading', { name: 'Die Seite konnte nicht angezeigt werden' })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('bitten Sie Ihre Beraterin oder Ihren Berater um einen neuen Link');
      await expect(page.getByRole('button', { name: 'Seite neu laden' })).toBeVisible();
      await expect(page.getByRole('link', { name: /0800 4 5555 00/ })).toBeVisible();
      await expect.poll(() => serverLog.slice(logged).join('\n')).toContain('Fehler beim Anzeigen der Seite');
      expect(serverLog.slice(logged).join('\n')).not.toContain(valid.slice(0, 24));
      await page.close();
    });
  }
});
