import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../src-server/server.js';
import { launchWebShell, watchProblems, type LaunchedWebShell, type PageProblems } from '../../support/web-shell.js';
import { connectBackOffice, PASSPHRASE } from '../workday/harness.js';

/**
 * Einstellungen and the first run in the web shell, each test with its own back office, data folder and
 * machine policy (BERATUNGSRAUM_POLICY_FILE), and one real self-hosted server with demo accounts to sign in to.
 */
let server: RunningServer;
/** Replaced by the test server's address when the policy file is written (it is known only once the server runs). */
const SERVER_URL = '{{SERVER_URL}}';
let serverDir: string;

base.beforeAll(async () => {
  serverDir = await mkdtemp(join(tmpdir(), 'br-e2e-settings-server-'));
  server = await startServer({ port: 0, dataDir: serverDir, demoData: true, extensions: [], log: () => {} });
});
base.afterAll(async () => {
  await server?.close();
  await rm(serverDir, { recursive: true, force: true });
});

interface Fixtures {
  /** The policy file's content for this test (`SERVER_URL` stands for the test server's address); undefined: no policy. */
  policy: unknown;
  /** `fresh`: the first-run welcome shows (default: finished, so each view shows at once). */
  firstRun: 'fresh' | 'done';
  /** The back office of this test, e.g. to set up the encrypted store the calendar and the reports need. */
  shell: LaunchedWebShell;
  app: Page;
  problems: PageProblems;
}

const test = base.extend<Fixtures>({
  policy: [undefined, { option: true }],
  firstRun: ['done', { option: true }],
  problems: async ({ page }, use) => {
    await use(await watchProblems(page));
  },
  shell: async ({ policy, firstRun }, use) => {
    const policyDir = await mkdtemp(join(tmpdir(), 'br-e2e-policy-'));
    const policyFile = join(policyDir, 'policy.json');
    if (policy !== undefined) {
      const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
      await writeFile(policyFile, text.replaceAll(SERVER_URL, server.url));
      await chmod(policyFile, 0o644);
    }
    const shell = await launchWebShell({ env: { BERATUNGSRAUM_POLICY_FILE: policyFile }, firstRun });
    try {
      await use(shell);
    } finally {
      await shell.stop();
      await rm(policyDir, { recursive: true, force: true });
    }
  },
  app: async ({ page, shell, problems }, use) => {
    void problems;
    await page.goto(await shell.launchUrl());
    await expect(page.getByRole('navigation')).toBeVisible();
    await use(page);
  },
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const openSettings = async (app: Page) => {
  await app.getByRole('link', { name: 'Einstellungen', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();
};

/** The calendar and the reports open only with the encrypted store set up; a fresh data folder has none yet. */
async function setUpStore(shell: LaunchedWebShell): Promise<void> {
  const client = await connectBackOffice(shell);
  try {
    await client.call('store.setupPassphrase', { passphrase: PASSPHRASE });
  } finally {
    client.close();
  }
}

const openArea = async (app: Page, name: 'Kalender' | 'Berichte') => {
  await app.getByRole('navigation').getByRole('link', { name, exact: true }).click();
};

/** The capacity column of the calendar's day load ("gleichzeitig (max.)"), e.g. "0 / 2" for every hour. */
const capacities = async (app: Page) =>
  (await app.locator('.day-load__table tbody td:nth-child(3)').allTextContents()).map((cell) => cell.trim().split(' / ')[1]?.split(' ')[0]);

test.describe('managed settings', () => {
  test.use({ policy: { screenSharingAllowed: false, autoLockMinutes: 5, logLevel: 'warn' } });

  test('shows which values IT manages and why they cannot be changed; the rest stays editable', async ({ app, problems }) => {
    await openSettings(app);
    await expect(app.getByTestId('policy-summary')).toContainText('von Ihrer IT zentral verwaltet');

    const sharing = app.getByLabel('Bildschirmfreigabe erlauben');
    await expect(sharing).toBeDisabled();
    await expect(sharing).not.toBeChecked();
    // The reason is tied to the control for screen readers.
    await expect(sharing).toHaveAccessibleDescription(/Von der IT verwaltet.*Richtlinie Ihrer Organisation.*policy\.json.*IT-Service/);
    await expect(app.getByTestId('source-autoLockMinutes')).toHaveText('Von der IT verwaltet');
    await expect(app.getByLabel('Automatische Sperre nach (Minuten)')).toHaveValue('5');

    const retention = app.getByLabel('Lokale Aufbewahrung (Tage)');
    await expect(retention).toBeEnabled();
    await expect(app.getByTestId('source-retentionDays')).toHaveText('Standardwert');
    await retention.fill('14');
    await app.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect(app.getByTestId('settings-saved')).toHaveText('Gespeichert.');
    await expect(app.getByTestId('source-retentionDays')).toHaveText('Eigene Einstellung');
    await expect(app.getByLabel('Lokale Aufbewahrung (Tage)')).toHaveValue('14');

    const axe = await new AxeBuilder({ page: app }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });

  test('creates a support bundle from the settings view', async ({ app }) => {
    await openSettings(app);
    await app.getByRole('button', { name: 'Supportpaket erstellen' }).click();
    await expect(app.getByTestId('support-result')).toContainText(/Supportpaket gespeichert unter .*Beratungsraum-Support-\d{8}-\d{6}\.zip/);
    await expect(app.getByTestId('support-result')).toContainText('Geräteprüfung: nicht vorhanden');
    await expect(app.getByTestId('update-state')).toContainText('Die Web-Oberfläche aktualisiert sich nicht selbst');
  });
});

test.describe('office figures without a policy', () => {
  test('are changed in Einstellungen, and the calendar and the reports use them', async ({ app, shell, problems }) => {
    await setUpStore(shell);

    // The calendar shows the channels it measures against, where they come from, and where to change them.
    await openArea(app, 'Kalender');
    const channels = app.getByTestId('figure-videoChannels');
    await expect(channels).toContainText('2 Videokanäle');
    await expect(channels).toContainText('Standardwert');
    await expect.poll(() => capacities(app)).toEqual(Array(12).fill('2'));

    await openArea(app, 'Berichte');
    await app.getByTestId('report-from').fill('2026-11-16');
    await app.getByTestId('report-to').fill('2026-11-20');
    // A week without public holidays in NW (the Land of an empty cache): 5 × 468 net minutes.
    await expect(app.getByTestId('report-counselling-summary')).toContainText('(0 von 2340 Minuten;');
    await expect(app.getByTestId('figure-netMinutesPerWorkingDay')).toContainText('Netto-Arbeitszeit: 468 Minuten je Arbeitstag');

    // The link leads to the one editor, with the cursor on the field.
    await channels.getByRole('link', { name: 'In den Einstellungen ändern' }).click();
    await expect(app.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();
    await expect(app.getByRole('group', { name: 'Arbeitsplatz' })).toBeVisible();
    const channelField = app.getByLabel('Videokanäle der Dienststelle');
    await expect(channelField).toBeFocused();
    await expect(channelField).toHaveValue('2');
    await channelField.fill('51');
    await app.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect(app.getByTestId('settings-feedback')).toHaveText('„Videokanäle der Dienststelle“: bitte eine ganze Zahl zwischen 1 und 50 eingeben.');
    await channelField.fill('5');
    await app.getByLabel('Netto-Arbeitszeit je Arbeitstag (Minuten)').fill('400');
    await app.getByRole('button', { name: 'Änderungen speichern' }).click();
    await expect(app.getByTestId('settings-saved')).toHaveText('Gespeichert.');
    await expect(app.getByTestId('source-videoChannels')).toHaveText('Eigene Einstellung');
    await expect(app.getByTestId('source-netMinutesPerWorkingDay')).toHaveText('Eigene Einstellung');

    await openArea(app, 'Kalender');
    await expect(channels).toContainText('5 Videokanäle');
    await expect(channels).toContainText('Eigene Einstellung');
    await expect.poll(() => capacities(app)).toEqual(Array(12).fill('5'));

    await openArea(app, 'Berichte');
    await app.getByTestId('report-from').fill('2026-11-16');
    await app.getByTestId('report-to').fill('2026-11-20');
    await expect(app.getByTestId('report-counselling-summary')).toContainText('(0 von 2000 Minuten;');
    await expect(app.getByTestId('figure-videoChannels')).toContainText('5 Videokanäle');

    // Nothing of either figure is kept in the browser any more; the back office holds them.
    const stored = await app.evaluate(() => Object.keys(window.localStorage));
    expect(stored.filter((key) => /videoChannels|netMinutes/i.test(key))).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });
});

test.describe('office figures under a policy', () => {
  test.use({ policy: { videoChannels: 4 } });

  test('a managed channel count is locked in Einstellungen, says why, and is what the calendar measures against', async ({ app, shell }) => {
    await setUpStore(shell);
    await openSettings(app);
    const channelField = app.getByLabel('Videokanäle der Dienststelle');
    await expect(channelField).toBeDisabled();
    await expect(channelField).toHaveValue('4');
    await expect(channelField).toHaveAccessibleDescription(/Von der IT verwaltet.*Richtlinie Ihrer Organisation.*policy\.json.*IT-Service/);
    // The other figure stays the counsellor's own.
    await expect(app.getByLabel('Netto-Arbeitszeit je Arbeitstag (Minuten)')).toBeEnabled();

    await openArea(app, 'Kalender');
    const channels = app.getByTestId('figure-videoChannels');
    await expect(channels).toContainText('4 Videokanäle');
    await expect(channels).toContainText('Von der IT verwaltet');
    await expect(channels.getByRole('link', { name: 'Details in den Einstellungen' })).toBeVisible();
    await expect.poll(() => capacities(app)).toEqual(Array(12).fill('4'));

    // The day load only: the Schedule-X grid has its own accessibility checks (tests/e2e/workday/axe.spec.ts).
    const axe = await new AxeBuilder({ page: app }).include('.day-load').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});

test.describe('invalid policy', () => {
  test.use({ policy: '{"screenSharingAllowed": "ja", "unbekannt": 1}' });

  test('is reported with its problems, and safe defaults are locked', async ({ app }) => {
    await openSettings(app);
    await expect(app.getByTestId('policy-summary')).toContainText('Richtlinie Ihrer IT ist ungültig');
    await expect(app.getByTestId('policy-problems')).toContainText('Unbekannte Einstellung(en): unbekannt');
    await expect(app.getByLabel('Bildschirmfreigabe erlauben')).toBeDisabled();
    await expect(app.getByLabel('Bildschirmfreigabe erlauben')).not.toBeChecked();
    await expect(app.getByTestId('source-screenSharingAllowed')).toHaveText('Gesperrt (Richtlinie ungültig)');
    // The planning figures are locked too, to their ordinary defaults.
    await expect(app.getByLabel('Videokanäle der Dienststelle')).toBeDisabled();
    await expect(app.getByLabel('Videokanäle der Dienststelle')).toHaveValue('2');
    await expect(app.getByTestId('source-netMinutesPerWorkingDay')).toHaveText('Gesperrt (Richtlinie ungültig)');
    // The server address is not a safety valve: the user can still enter one.
    await expect(app.getByTestId('setting-serverUrl')).toBeEnabled();
  });
});

test.describe('first run with the server address from the policy', () => {
  test.use({ policy: { serverUrl: SERVER_URL }, firstRun: 'fresh' });

  test('signs in to the server the policy names, protects the local data, then offers the device check', async ({ app }) => {
    const welcome = app.getByTestId('first-run');
    await expect(welcome).toBeVisible();
    await expect(welcome.getByRole('heading', { name: 'Willkommen im Beratungsraum' })).toBeVisible();
    await expect(welcome.getByTestId('sign-in-managed-server')).toHaveText(`Server: ${server.url} (von Ihrer IT vorgegeben)`);
    await welcome.getByLabel('Benutzername').fill('av.berger');
    await welcome.getByLabel('Passwort für den Server').fill('demo-av-berger');
    await welcome.getByRole('button', { name: 'Am Server anmelden' }).click();
    await expect(welcome.getByRole('heading', { name: 'Lokale Daten schützen' })).toBeVisible();
    await welcome.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await welcome.getByLabel('Passphrase wiederholen').fill(PASSPHRASE);
    await welcome.getByRole('button', { name: 'Verschlüsselung einrichten' }).click();
    await expect(welcome.getByRole('status')).toHaveText(`Sie sind am Server ${server.url} angemeldet.`);
    await welcome.getByRole('button', { name: 'Geräteprüfung starten' }).click();
    await expect(welcome).toHaveCount(0);
    await expect(app).toHaveURL(/#\/geraetepruefung$/);
    await app.reload();
    await expect(app.getByRole('navigation')).toBeVisible();
    await expect(app.getByTestId('first-run')).toHaveCount(0);
  });
});

test.describe('first run without a policy', () => {
  test.use({ firstRun: 'fresh' });

  test('an unreachable server is said plainly, and the app goes on offline', async ({ app }) => {
    const welcome = app.getByTestId('first-run');
    const port = await closedPort();
    await welcome.getByLabel('Serveradresse').fill(`127.0.0.1:${port}`);
    await welcome.getByLabel('Benutzername').fill('av.berger');
    await welcome.getByLabel('Passwort für den Server').fill('demo-av-berger');
    await welcome.getByRole('button', { name: 'Am Server anmelden' }).click();
    await expect(welcome.getByRole('alert')).toContainText(`Der Server http://127.0.0.1:${port} antwortet nicht.`);
    await expect(welcome.getByRole('alert')).toContainText('offline');
    await welcome.getByRole('button', { name: 'Später' }).click();
    await welcome.getByRole('button', { name: 'Später' }).click();
    await expect(welcome.getByRole('status')).toContainText('ohne Serververbindung');
    await welcome.getByRole('button', { name: 'Später' }).click();
    await expect(welcome).toHaveCount(0);
    // The app itself is there and usable.
    await app.getByRole('link', { name: 'Info', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Über den Beratungsraum' })).toBeVisible();
  });
});
