/**
 * The real Electron app, through Playwright's `_electron`: what the web shell cannot show, because only Electron
 * has it (src-main/shell, the preload, the OS keychain inside the app). One app for the whole file, started on a
 * fresh profile; on Linux with a private Secret Service (tests/support/keyring.ts) and, without a display, under
 * `xvfb-run` (tests/run-all.sh). Needs the Electron binary and SQLite built for Electron (`npm run
 * native:electron`); where either is missing, every test is reported as skipped with that reason.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseKeyAccount } from '../../src-main/services/secrets/database-key.js';
import { createOsKeychain } from '../../src-main/services/secrets/os-keychain.js';
import { electronBuildFile } from '../../src-main/services/store/native-binding.js';
import { PAGE_CSP } from '../../src-shared/web/page-security.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/keyring.js';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const binary = findElectronBinary() as { path: string } | { missing: string };
const abiFile = join(resolve('node_modules/electron'), 'abi_version');
const sqliteForElectron = existsSync(abiFile) ? electronBuildFile(readFileSync(abiFile, 'utf8').trim()) : null;
const missing =
  'missing' in binary
    ? `Electron binary not available: ${binary.missing}`
    : !sqliteForElectron || !existsSync(sqliteForElectron)
      ? 'SQLite not built for Electron: run `npm run native:electron`'
      : process.getuid?.() === 0
        ? 'Chromium’s sandbox does not run as root: run the Electron suite as a normal user (as .github/workflows/desktop.yml does)'
        : null;

test.skip(missing !== null, missing ?? '');
test.describe.configure({ mode: 'serial' });

const SERVICE = 'Beratungsraum';
let app: ElectronApplication;
let window: Page;
let userData: string;
let keyring: PrivateKeyring | undefined;

test.beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'beratungsraum-electron-'));
  // The welcome was finished (src-main/services/policy/first-run.ts): it would take the place of every view.
  await writeFile(join(userData, 'first-run.json'), JSON.stringify({ completedAt: new Date().toISOString() }));
  // Linux: a private keyring, so the test never touches the developer's own. Windows/macOS: the real keychain,
  // under an account unique to this temp profile (databaseKeyAccount), removed again in afterAll.
  if (process.platform === 'linux') keyring = await startPrivateKeyring();
  app = await electron.launch({
    executablePath: (binary as { path: string }).path,
    args: ['.', `--user-data-dir=${userData}`],
    env: { ...process.env, ...keyring?.env } as Record<string, string>,
  });
  window = await app.firstWindow();
});

test.afterAll(async () => {
  const dataDir = await app?.evaluate(({ app: electronApp }) => electronApp.getPath('userData')).catch(() => null);
  await app?.close();
  if (dataDir && !keyring) await createOsKeychain({ service: SERVICE }).delete(databaseKeyAccount(dataDir)).catch(() => false);
  await keyring?.stop();
  await rm(userData, { recursive: true, force: true });
});

test('starts sandboxed on app://, and the page has no Node: only the contract', async () => {
  await expect(window.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
  expect(window.url()).toMatch(/^app:\/\/beratungsraum\//);
  // app.enableSandbox() sandboxes every renderer; the OS-level flag is reported on Windows and macOS.
  const sandbox = await app.evaluate(({ app: electronApp }) => ({
    enabled: electronApp.commandLine.hasSwitch('enable-sandbox'),
    renderers: electronApp.getAppMetrics().filter((metric) => metric.type === 'Tab').map((metric) => metric.sandboxed),
  }));
  expect(sandbox.enabled).toBe(true);
  expect(sandbox.renderers.length).toBeGreaterThan(0);
  for (const sandboxed of sandbox.renderers) if (sandboxed !== undefined) expect(sandboxed).toBe(true);
  const page = await window.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((globalThis as unknown as { beratungsraum: object }).beratungsraum).sort(),
  }));
  expect(page).toEqual({ require: 'undefined', process: 'undefined', bridge: ['call', 'on'] });
});

test('answers over IPC through the preload, and the Info view names the Electron shell', async () => {
  const result = await window.evaluate(() =>
    (globalThis as unknown as { beratungsraum: { call: Record<string, (payload: unknown) => Promise<unknown>> } }).beratungsraum.call['app.info']!({}),
  );
  expect(result).toMatchObject({ ok: true, value: { shell: 'electron' } });
  await window.getByRole('link', { name: 'Info', exact: true }).click();
  await expect(window.getByTestId('about-shell')).toHaveText('Desktop-Anwendung (Electron)');
});

test('refuses IPC from a page of another origin, even with the same preload', async () => {
  const preload = resolve('out/preload/preload.cjs');
  const result = await app.evaluate(async ({ BrowserWindow }, preloadPath) => {
    const other = new BrowserWindow({ show: false, webPreferences: { preload: preloadPath, sandbox: true, contextIsolation: true } });
    try {
      await other.loadURL('data:text/html,<title>fremd</title>');
      return await other.webContents.executeJavaScript("window.beratungsraum.call['app.info']({})");
    } finally {
      other.destroy();
    }
  }, preload);
  expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
});

test('denies a permission outside the table (notifications)', async () => {
  expect(await window.evaluate(() => Notification.requestPermission())).toBe('denied');
  expect(await window.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state)).toBe('denied');
});

test('serves app:// with the security headers of every page', async () => {
  const headers = await window.evaluate(async () => {
    const response = await fetch('/index.html');
    return { status: response.status, csp: response.headers.get('content-security-policy'), nosniff: response.headers.get('x-content-type-options') };
  });
  expect(headers).toEqual({ status: 200, csp: PAGE_CSP, nosniff: 'nosniff' });
});

test('keeps the database key in the OS keychain: the store opens without a passphrase', async () => {
  await expect(window.getByRole('button', { name: 'Sperren' })).toBeVisible();
  await expect(window.getByRole('heading', { name: 'Lokale Daten schützen' })).toHaveCount(0);
  const dataDir = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
  const previousBus = process.env.DBUS_SESSION_BUS_ADDRESS;
  if (keyring) process.env.DBUS_SESSION_BUS_ADDRESS = keyring.busAddress;
  try {
    const key = await createOsKeychain({ service: SERVICE }).get(databaseKeyAccount(dataDir));
    expect(key?.length).toBe(32);
  } finally {
    if (keyring) process.env.DBUS_SESSION_BUS_ADDRESS = previousBus;
  }
});

test('offers the app’s own share picker with the desktop’s sources', async () => {
  // getDisplayMedia needs a user gesture; the click lands on the page background.
  await window.mouse.click(2, 2);
  const request = await window.evaluate(async () => {
    const bridge = (globalThis as unknown as {
      beratungsraum: {
        on(event: string, listener: (payload: unknown) => void): () => void;
        call: Record<string, (payload: unknown) => Promise<unknown>>;
      };
    }).beratungsraum;
    const asked = new Promise<{ requestId: string; sources: { kind: string; name: string }[] }>((done) => {
      const off = bridge.on('session.displayPicker', (payload) => {
        off();
        done(payload as { requestId: string; sources: { kind: string; name: string }[] });
      });
    });
    const sharing = navigator.mediaDevices.getDisplayMedia({ video: true }).then(
      () => 'granted',
      (error: Error) => error.name,
    );
    const question = await asked;
    await bridge.call['session.pickDisplay']!({ requestId: question.requestId, sourceId: null });
    return { sources: question.sources.map(({ kind, name }) => ({ kind, name })), outcome: await sharing };
  });
  expect(request.sources.length).toBeGreaterThan(0);
  for (const source of request.sources) expect(['window', 'screen']).toContain(source.kind);
  // Cancelled in the picker: the page gets no stream.
  expect(request.outcome).not.toBe('granted');
});

test('refuses window.open and navigation away from the app', async () => {
  expect(await window.evaluate(() => globalThis.open('https://example.invalid/') === null)).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // A prevented navigation ends in did-fail-load with ERR_ABORTED (-3); one that went through, in did-navigate.
  // The listener is in place before the page navigates, so neither outcome can be missed.
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    (globalThis as { navigationOutcome?: Promise<string> }).navigationOutcome = new Promise<string>((done) => {
      contents.on('did-fail-load', (_event, code, _description, url, isMainFrame) => {
        if (isMainFrame && url.startsWith('app://elsewhere')) done(`failed ${code}`);
      });
      contents.on('did-navigate', (_event, url) => done(`navigated ${url}`));
    });
  });
  await window.evaluate(() => {
    location.href = 'app://elsewhere/';
  });
  expect(await app.evaluate(() => (globalThis as { navigationOutcome?: Promise<string> }).navigationOutcome)).toBe('failed -3');
  expect(window.url()).toMatch(/^app:\/\/beratungsraum\//);
});
