/**
 * Drives electron-updater from the managed settings: the generic feed on the organisation's own server, the
 * channel, and on/off by policy. Plain Node: the Electron shell hands in electron-updater's `autoUpdater` (as
 * `UpdaterPort`); the web shell hands in nothing and reports `unsupported`.
 *
 * electron-updater verifies every download against the SHA-512 in the feed's metadata (builder-util-runtime
 * DigestTransform, error ERR_CHECKSUM_MISMATCH) and, for the NSIS installer, the Authenticode signature
 * against the publisher of the running app; a file that fails either is deleted, never installed.
 */
import type { UpdateStatus } from '../../../src-shared/ipc/features/rollout.js';
import type { ManagedSettings, SettingSource } from '../../../src-shared/policy/settings.js';
import type { Logger } from '../logging/log-service.js';
import type { SettingsService } from '../policy/settings-service.js';

/** The part of electron-updater's AppUpdater this controller uses. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  /** electron-updater's own log output; routed into the redacted log. */
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void; debug?(message: string): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string | null }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateControllerOptions {
  readonly settings: SettingsService;
  /** electron-updater's autoUpdater in a packaged Electron app; null elsewhere, with the reason. */
  readonly updater: UpdaterPort | null;
  readonly unsupportedReason?: string;
  readonly currentVersion: string;
  readonly log: Logger;
  readonly onStatus: (status: UpdateStatus) => void;
  /** How often to look for updates while the app runs. */
  readonly intervalMs?: number;
  readonly now?: () => Date;
}

export interface UpdateController {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  dispose(): void;
}

const FOUR_HOURS = 4 * 60 * 60 * 1000;

function disabledReason(values: ManagedSettings, source: SettingSource): string | null {
  if (source === 'policy-invalid') return 'Die zentrale Richtlinie ist ungültig; automatische Updates bleiben deshalb aus. Bitte wenden Sie sich an den IT-Service.';
  if (!values.updatesEnabled) {
    return source === 'policy' ? 'Automatische Updates sind von Ihrer IT abgeschaltet; Updates kommen über die Softwareverteilung.' : 'Automatische Updates sind ausgeschaltet.';
  }
  if (!values.updateFeedUrl) return 'Es ist keine Update-Quelle eingetragen.';
  return null;
}

/** German wording for the failures people will meet; the code is logged for IT. */
function describeError(error: { code?: string; message?: string }): string {
  switch (error.code) {
    case 'ERR_CHECKSUM_MISMATCH':
      return 'Die heruntergeladene Datei stimmt nicht mit der Prüfsumme des Update-Feeds überein und wurde verworfen.';
    case 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND':
      return 'Die Update-Quelle enthält keine Angaben für diesen Kanal. Bitte Update-Quelle und Kanal prüfen.';
    case 'ERR_UPDATER_INVALID_SIGNATURE':
      return 'Die Signatur des Updates passt nicht zum Herausgeber dieser Anwendung; das Update wurde verworfen.';
    default:
      return 'Die Suche nach Updates ist fehlgeschlagen. Die Anwendung läuft mit der installierten Version weiter.';
  }
}

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const now = options.now ?? (() => new Date());
  const log = options.log.child('updates');
  const { updater } = options;
  let timer: NodeJS.Timeout | null = null;

  const base = (): UpdateStatus => {
    const values = options.settings.values();
    return {
      state: 'idle',
      reason: null,
      feedUrl: values.updateFeedUrl,
      channel: values.updateChannel,
      currentVersion: options.currentVersion,
      availableVersion: null,
      percent: null,
      checkedAt: null,
    };
  };
  let status: UpdateStatus = base();

  const publish = (next: Partial<UpdateStatus>) => {
    status = { ...status, ...next };
    options.onStatus(status);
  };

  const active = () => status.state !== 'disabled' && status.state !== 'unsupported';

  const configure = () => {
    if (timer) clearInterval(timer);
    timer = null;
    const settings = options.settings.get();
    const values = options.settings.values();
    const fresh = { ...base(), availableVersion: status.availableVersion, checkedAt: status.checkedAt };
    if (!updater) {
      publish({ ...fresh, state: 'unsupported', reason: options.unsupportedReason ?? 'Diese Ausführung aktualisiert sich nicht selbst.' });
      return;
    }
    const reason = disabledReason(values, settings.values.updatesEnabled.source);
    if (reason) {
      publish({ ...fresh, state: 'disabled', reason });
      log.info('updates.disabled', { source: settings.values.updatesEnabled.source });
      return;
    }
    updater.setFeedURL({ provider: 'generic', url: values.updateFeedUrl!, channel: values.updateChannel });
    updater.channel = values.updateChannel;
    updater.allowPrerelease = values.updateChannel !== 'latest';
    // Never install an older build, even if the feed offers one: a downgrade could reopen a fixed hole.
    updater.allowDowngrade = false;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    publish({ ...fresh, state: status.state === 'downloaded' ? 'downloaded' : 'idle', reason: null });
    log.info('updates.configured', { url: values.updateFeedUrl, channel: values.updateChannel });
    timer = setInterval(() => void check(), options.intervalMs ?? FOUR_HOURS);
    timer.unref();
    void check();
  };

  const check = async (): Promise<UpdateStatus> => {
    if (!updater || !active()) return status;
    try {
      await updater.checkForUpdates();
    } catch (error) {
      // Also reported through the 'error' event; keep the status in sync if the event did not come.
      if (status.state !== 'error') onError(error as Error & { code?: string });
    }
    return status;
  };

  const onError = (error: Error & { code?: string }) => {
    log.warn('updates.error', { code: error.code ?? 'UNKNOWN', err: error });
    publish({ state: 'error', reason: describeError(error), percent: null, checkedAt: now().toISOString() });
  };

  if (updater) {
    const own = log.child('electron-updater');
    updater.logger = {
      info: (message) => own.info(String(message)),
      warn: (message) => own.warn(String(message)),
      error: (message) => own.error(String(message)),
      debug: (message) => own.debug(message),
    };
    updater.on('checking-for-update', () => publish({ state: 'checking', reason: null }));
    updater.on('update-available', (info: { version: string }) => {
      log.info('updates.available', { version: info.version });
      publish({ state: 'available', availableVersion: info.version, checkedAt: now().toISOString() });
    });
    updater.on('update-not-available', () => publish({ state: 'not-available', availableVersion: null, checkedAt: now().toISOString() }));
    updater.on('download-progress', (progress: { percent: number }) =>
      publish({ state: 'downloading', percent: Math.max(0, Math.min(100, progress.percent)) }),
    );
    updater.on('update-downloaded', (info: { version: string }) => {
      log.info('updates.downloaded', { version: info.version });
      publish({ state: 'downloaded', availableVersion: info.version, percent: 100, reason: 'Das Update wird beim nächsten Beenden installiert.' });
    });
    updater.on('error', (error) => onError(error as Error & { code?: string }));
  }

  const unsubscribe = options.settings.onChange(() => configure());
  configure();

  return {
    status: () => status,
    check,
    dispose() {
      unsubscribe();
      if (timer) clearInterval(timer);
    },
  };
}
