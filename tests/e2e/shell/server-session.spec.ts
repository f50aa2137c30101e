import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpPassphrase, TEST_PASSPHRASE } from '../../support/store-gate.js';
import { startServer } from '../../../src-server/server.js';
import { startTestServer, type TestServer } from '../../support/sync-server.js';
import { launchWebShell, watchProblems, type LaunchedWebShell } from '../../support/web-shell.js';

/**
 * The sign-in to the server as a counsellor meets it, driven only through the UI: the first start, a restart of
 * the app (the web-shell process) on the same profile, signing out and in again from the status bar, and
 * "Später" on the first start with the sign-in made later from the status bar. One real server with the demo
 * accounts; its address is typed as `host:port`, without a scheme.
 */
let server: TestServer;
const shells: LaunchedWebShell[] = [];
const profiles: string[] = [];

test.beforeAll(async () => {
  server = await startTestServer();
});
test.afterAll(async () => {
  await server?.close();
});
test.afterEach(async () => {
  for (const shell of shells.splice(0)) await shell.stop();
  for (const dir of profiles.splice(0)) await rm(dir, { recursive: true, force: true });
});

const address = () => server.url.replace(/^http:\/\//, '');
const password = (username: string) => server.server.demoAccounts.find((account) => account.username === username)!.password;

async function open(page: Page, shell: LaunchedWebShell): Promise<void> {
  shells.push(shell);
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('navigation')).toBeVisible();
}

const statusBar = (page: Page) => page.getByRole('banner');

test('signs in on the first start, stays signed in after a restart, signs out and in again', async ({ page }) => {
  const problems = await watchProblems(page);
  const profile = await mkdtemp(join(tmpdir(), 'br-e2e-profile-'));
  profiles.push(profile);
  await open(page, await launchWebShell({ dataDir: profile }));

  // First start: one step at a time, and nothing else on the page asks for input.
  const welcome = page.getByTestId('first-run');
  await expect(welcome.getByRole('heading', { name: 'Am Server anmelden' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Lokale Daten schützen' })).toHaveCount(0);
  await welcome.getByLabel('Serveradresse').fill(address());
  await welcome.getByLabel('Benutzername').fill('av.berger');
  await welcome.getByLabel('Passwort für den Server').fill(password('av.berger'));
  await welcome.getByRole('button', { name: 'Am Server anmelden' }).click();
  await expect(statusBar(page)).toContainText('Angemeldet als Sabine Berger');

  // Next step: the local data, then the device check offer.
  await expect(welcome.getByRole('heading', { name: 'Lokale Daten schützen' })).toBeVisible();
  await expect(welcome.getByLabel('Serveradresse')).toHaveCount(0);
  await welcome.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
  await welcome.getByLabel('Passphrase wiederholen').fill(TEST_PASSPHRASE);
  await welcome.getByRole('button', { name: 'Verschlüsselung einrichten' }).click();
  await expect(welcome.getByRole('status')).toHaveText(`Sie sind am Server ${server.url} angemeldet.`);
  await welcome.getByRole('button', { name: 'Später' }).click();
  await expect(welcome).toHaveCount(0);

  // The calendar has synced with the server.
  await page.getByRole('navigation').getByRole('link', { name: 'Kalender', exact: true }).click();
  const stand = page.getByText(/^Stand: /);
  await expect(stand).not.toHaveText(/noch nie/, { timeout: 30_000 });

  // Restart: the web-shell process ends; a new one starts on the same profile.
  await shells.pop()!.stop();
  await open(page, await launchWebShell({ dataDir: profile }));
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await setUpPassphrase(page);
  await expect(statusBar(page)).toContainText('Angemeldet als Sabine Berger');
  await page.getByRole('navigation').getByRole('link', { name: 'Kalender', exact: true }).click();
  await expect(page.getByText(/^Stand: /)).not.toHaveText(/noch nie/);
  await expect(page.getByTestId('connectivity')).not.toContainText('Nicht am Server angemeldet', { timeout: 30_000 });

  // Sign out from the status bar: the app says so and offers the sign-in again.
  await statusBar(page).getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.getByTestId('connectivity')).toContainText('Nicht am Server angemeldet');
  await statusBar(page).getByRole('button', { name: 'Anmelden', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Am Beratungsraum-Server anmelden' });
  // The address entered on the first start is remembered.
  await expect(dialog.getByLabel('Serveradresse')).toHaveValue(server.url);
  await dialog.getByLabel('Benutzername').fill('av.berger');
  await dialog.getByLabel('Passwort für den Server').fill('falsch');
  await dialog.getByRole('button', { name: 'Am Server anmelden' }).click();
  await expect(dialog.getByTestId('sign-in-message')).toContainText('Benutzername oder Passwort ist falsch');
  await expect(dialog.getByLabel('Passwort für den Server')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Passwort für den Server').fill(password('av.berger'));
  await dialog.getByRole('button', { name: 'Am Server anmelden' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(statusBar(page)).toContainText('Angemeldet als Sabine Berger');

  expect(problems.consoleErrors).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});

test('"Später" on the first start, then the sign-in from the status bar, which says what is missing', async ({ page }) => {
  const problems = await watchProblems(page);
  await open(page, await launchWebShell({ firstRun: 'fresh' }));
  const welcome = page.getByTestId('first-run');
  await welcome.getByRole('button', { name: 'Später' }).click();
  await expect(welcome.getByRole('heading', { name: 'Lokale Daten schützen' })).toBeVisible();
  await welcome.getByRole('button', { name: 'Später' }).click();
  await expect(welcome.getByRole('status')).toContainText('ohne Serververbindung');
  await welcome.getByRole('button', { name: 'Später' }).click();
  await expect(welcome).toHaveCount(0);
  await expect(page.getByTestId('connectivity')).toContainText('Nicht am Server angemeldet');

  await statusBar(page).getByRole('button', { name: 'Anmelden', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Am Beratungsraum-Server anmelden' });
  const submit = dialog.getByRole('button', { name: 'Am Server anmelden' });
  // The button says why it cannot be used yet.
  await expect(submit).toHaveAccessibleDescription('Zum Anmelden fehlt noch: Serveradresse, Benutzername, Passwort für den Server.');
  await dialog.getByLabel('Serveradresse').fill('beratung agentur');
  await dialog.getByLabel('Benutzername').fill('bb.schulz');
  await dialog.getByLabel('Passwort für den Server').fill(password('bb.schulz'));
  await submit.click();
  await expect(dialog.getByRole('alert')).toContainText('z. B. beratung.ihre-agentur.de oder beratung.ihre-agentur.de:8443');
  await expect(dialog.getByLabel('Serveradresse')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Serveradresse').fill(address());
  await submit.click();
  await expect(dialog).toHaveCount(0);
  await expect(statusBar(page)).toContainText('Angemeldet als Jonas Schulz');

  // The local data were left for later: the calendar asks for them now, and syncs once they are protected.
  await page.getByRole('navigation').getByRole('link', { name: 'Kalender', exact: true }).click();
  await setUpPassphrase(page);
  await expect(page.getByText(/^Stand: /)).not.toHaveText(/noch nie/, { timeout: 30_000 });

  expect(problems.consoleErrors).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});

test('a server that goes away is shown at once; one that forgot the sign-in asks for it again', async ({ page }) => {
  const problems = await watchProblems(page);
  const firstDir = await mkdtemp(join(tmpdir(), 'br-e2e-server-a-'));
  const secondDir = await mkdtemp(join(tmpdir(), 'br-e2e-server-b-'));
  profiles.push(firstDir, secondDir);
  let own = await startServer({ port: 0, dataDir: firstDir, demoData: true, extensions: [], log: () => {} });
  try {
    await open(page, await launchWebShell());
    await page.getByRole('navigation').getByRole('link', { name: 'Kalender', exact: true }).click();
    await setUpPassphrase(page);
    await statusBar(page).getByRole('button', { name: 'Anmelden', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Am Beratungsraum-Server anmelden' });
    await dialog.getByLabel('Serveradresse').fill(own.url.replace(/^http:\/\//, ''));
    await dialog.getByLabel('Benutzername').fill('av.berger');
    await dialog.getByLabel('Passwort für den Server').fill(password('av.berger'));
    await dialog.getByRole('button', { name: 'Am Server anmelden' }).click();
    await expect(statusBar(page)).toContainText('Angemeldet als Sabine Berger');
    await expect(page.getByTestId('connectivity')).toContainText('Online', { timeout: 30_000 });

    // The server goes away: the status says so without anyone saving or waiting for the next poll.
    const { port } = own;
    await own.close();
    await expect(page.getByTestId('connectivity')).toContainText('Server nicht erreichbar', { timeout: 30_000 });

    // It comes back on the same address, but fresh (another installation): it knows no sign-in of this laptop.
    own = await startServer({ port, dataDir: secondDir, demoData: true, extensions: [], log: () => {} });
    await expect(statusBar(page).getByRole('alert')).toHaveText('Anmeldung abgelaufen', { timeout: 30_000 });
    await statusBar(page).getByRole('button', { name: 'Erneut anmelden' }).click();
    await expect(dialog).toContainText('Ihre Anmeldung am Server ist abgelaufen. Bitte melden Sie sich erneut an; Ihre Änderungen bleiben gespeichert.');
    await dialog.getByLabel('Benutzername').fill('av.berger');
    await dialog.getByLabel('Passwort für den Server').fill(password('av.berger'));
    await dialog.getByRole('button', { name: 'Am Server anmelden' }).click();
    await expect(statusBar(page)).toContainText('Angemeldet als Sabine Berger');
    await expect(page.getByTestId('connectivity')).toContainText('Online', { timeout: 30_000 });
  } finally {
    await own.close();
  }
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.cspViolations).toEqual([]);
});
