import AxeBuilder from '@axe-core/playwright';
import WebSocket from 'ws';
import { expect, test } from '../../support/web-shell.js';

test.describe('app shell in the web shell', () => {
  test('loads in German with all areas in the navigation, without console errors or CSP violations', async ({ app, problems }) => {
    await expect(app.locator('html')).toHaveAttribute('lang', 'de');
    const nav = app.getByRole('navigation', { name: 'Hauptnavigation' });
    for (const name of ['Heute', 'Kalender', 'Sitzung', 'Vermerke', 'Geräteprüfung', 'Berichte', 'Einstellungen', 'Info']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    // The launch code leaves the address bar once it is taken.
    expect(app.url()).not.toContain('launch=');
    await app.waitForLoadState('networkidle');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });

  test('navigates by keyboard alone', async ({ app }) => {
    await app.keyboard.press('Tab'); // skip link
    await expect(app.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
    // Through the top bar's controls (sign-in, language …) to the first navigation link.
    const first = app.getByRole('link', { name: 'Heute', exact: true });
    for (let presses = 0; presses < 6 && !(await first.evaluate((link) => link === document.activeElement)); presses += 1) await app.keyboard.press('Tab');
    await expect(first).toBeFocused();
    await app.keyboard.press('Tab');
    await app.keyboard.press('Tab');
    await app.keyboard.press('Tab');
    await expect(app.getByRole('link', { name: 'Vermerke', exact: true })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('link', { name: 'Vermerke', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(app).toHaveURL(/#\/vermerke$/);
    await expect(app.getByRole('main')).toBeFocused();
  });

  test('shows data from the back office: version and shell on the Info view', async ({ app, problems }) => {
    await app.getByRole('link', { name: 'Info', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Über den Beratungsraum' })).toBeVisible();
    await expect(app.getByTestId('about-shell')).toHaveText('Web-Shell im System-Browser');
    await expect(app.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
    expect(problems.consoleErrors).toEqual([]);
  });

  test('switches to English and keeps the choice in the back office', async ({ app, webShell, page }) => {
    await app.getByLabel('Sprache').selectOption('en');
    await expect(app.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await expect(app.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto(await webShell.launchUrl());
    await expect(page.getByRole('link', { name: 'Calendar', exact: true })).toBeVisible();
    await page.getByLabel('Language').selectOption('de');
    await expect(page.getByRole('link', { name: 'Kalender', exact: true })).toBeVisible();
  });

  test('shows the online/offline and sign-in state in words', async ({ app, context }) => {
    const status = app.getByTestId('connectivity');
    await expect(status).toHaveText(/^Nicht am Server angemeldet/);
    await context.setOffline(true);
    await expect(status).toHaveText(/^Offline/);
    await context.setOffline(false);
    await expect(status).toHaveText(/^Nicht am Server angemeldet/);
  });

  test('has no serious or critical accessibility violations (axe-core)', async ({ app }) => {
    for (const view of ['heute', 'kalender', 'info']) {
      await app.goto(`${new URL(app.url()).origin}/#/${view}`);
      await expect(app.getByRole('navigation')).toBeVisible();
      const results = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(blocking.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    }
  });
});

test.describe('web-shell token', () => {
  const connect = (url: string, origin: string) =>
    new Promise<number | 'open'>((resolve) => {
      const socket = new WebSocket(url, { origin });
      socket.on('open', () => {
        socket.close();
        resolve('open');
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', () => undefined);
    });

  test('accepts the right token from the app origin and refuses a wrong, missing or foreign-origin one', async ({ webShell }) => {
    const ws = webShell.origin.replace('http', 'ws');
    expect(await connect(`${ws}/ipc?token=${webShell.token}`, webShell.origin)).toBe('open');
    expect(await connect(`${ws}/ipc?token=wrong-${webShell.token}`, webShell.origin)).toBe(401);
    expect(await connect(`${ws}/ipc`, webShell.origin)).toBe(401);
    expect(await connect(`${ws}/ipc?token=${webShell.token}`, 'https://evil.example')).toBe(403);
  });

  test('a page opened without the token says how to start the app and reaches no data', async ({ page, webShell }) => {
    await page.goto(webShell.origin + '/');
    await expect(page.getByRole('heading', { name: 'Beratungsraum kann nicht starten' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('npm start');
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });

  test('a page with a wrong launch code, or with the session token in the address, is refused', async ({ page, webShell }) => {
    await page.goto(`${webShell.origin}/#launch=not-a-code`);
    await expect(page.getByRole('heading', { name: 'Beratungsraum kann nicht starten' })).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
    // The old address form: the token no longer opens the app from an address, so no address is worth stealing.
    await page.goto(`${webShell.origin}/?#token=${webShell.token}`);
    await expect(page.getByRole('heading', { name: 'Beratungsraum kann nicht starten' })).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
  });

  test('a launch address opens one window: a second page with it gets nothing, the first keeps working after a reload', async ({ browser, webShell }) => {
    const url = await webShell.launchUrl();
    const first = await browser.newPage();
    await first.goto(url);
    await expect(first.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
    const second = await browser.newPage();
    await second.goto(url);
    await expect(second.getByRole('heading', { name: 'Beratungsraum kann nicht starten' })).toBeVisible();
    await expect(second.getByRole('alert')).toContainText('gilt nur für ein Fenster');
    await expect(second.getByRole('navigation')).toHaveCount(0);
    await first.reload();
    await expect(first.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
    await first.close();
    await second.close();
  });

  test('answers a malformed call with a typed error, not a crash', async ({ webShell }) => {
    const socket = new WebSocket(`${webShell.origin.replace('http', 'ws')}/ipc?token=${webShell.token}`, { origin: webShell.origin });
    await new Promise((resolve) => socket.once('open', resolve));
    const reply = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    socket.send(JSON.stringify({ kind: 'call', id: 7, method: 'no.such.method', payload: {} }));
    expect(await reply).toMatchObject({ kind: 'result', id: 7, result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send('{not json');
    expect(await closed).toBe(1008);
  });
});
