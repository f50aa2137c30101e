/**
 * The Electron shell: app lifecycle, the one window, security settings. All work happens in the back office,
 * which is plain Node and the same one the web shell runs.
 */
import { app, BrowserWindow, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackOffice } from '../back-office.js';
import { APP_ENTRY, isTrustedFrame } from './app-origin.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { hardenWebContents } from './harden-web-contents.js';
import { attachIpc } from './ipc-transport.js';
import { applyPermissionTable } from './permissions.js';
import { installDisplayMediaPicker } from './display-media.js';
import { createNotifier } from './notifications.js';
import { securitySettings } from './web-preferences.js';
import { electronUpdaterPort } from './updater.js';
import { runSupportBundleCli, supportBundleAppFlag } from '../services/support-bundle/cli.js';
import { main as runReadinessCli, readinessAppArgs } from '../services/readiness/cli.js';

const here = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Beratungsraum',
    show: false,
    webPreferences: { ...securitySettings, preload: join(here, '..', 'preload', 'preload.cjs') },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => (mainWindow = null));
  void window.loadURL(APP_ENTRY);
  return window;
}

// One instance per user: a second start focuses the running window instead of opening the database twice.
// IT support: `--support-bundle=<file.zip>` writes the support bundle and exits, without a window or the
// single-instance lock (the app may be running at the same time).
// `--readiness --out <file.json> [--html …]` (or `--readiness summarize <folder>`) runs the device check's command
// line headless for fleet roll-outs, with its exit codes, the same way.
const supportBundleArgs = supportBundleAppFlag(process.argv, app.getPath('userData'));
const readinessArgs = readinessAppArgs(process.argv);
if (supportBundleArgs) {
  void runSupportBundleCli(supportBundleArgs).then((code) => app.exit(code));
} else if (readinessArgs) {
  app.dock?.hide();
  void runReadinessCli(readinessArgs).then((code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  registerAppScheme();
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  void app.whenReady().then(async () => {
    const backOffice = await startBackOffice({
      shell: 'electron',
      dataDir: app.getPath('userData'),
      isTrustedFrame,
      runtime: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
      updater: electronUpdaterPort(),
      notify: createNotifier(() => mainWindow),
    });
    serveRenderer(join(here, '..', 'renderer'));
    applyPermissionTable(session.defaultSession);
    installDisplayMediaPicker(session.defaultSession, backOffice.displayPicker);
    session.defaultSession.setSpellCheckerLanguages(['de-DE', 'en-US']);
    attachIpc(backOffice);
    mainWindow = createMainWindow();
    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', () => void backOffice.close());
  });
}
