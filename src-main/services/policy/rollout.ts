/**
 * The rollout services of the back office in one place, so the composition root (back-office.ts) adds them
 * with a few lines: managed settings, the redacted log, the support bundle, the update controller and the
 * first run, with their contract handlers and events.
 *
 * Order matters: the policy is read before the log opens (the policy sets the log level), and problems found
 * while reading it are logged as soon as the log exists.
 */
import type { rolloutMethods } from '../../../src-shared/ipc/features/rollout.js';
import type { EventBus } from '../../ipc/events.js';
import type { Handlers } from '../../ipc/router.js';
import { openLogService, type LogService } from '../logging/log-service.js';
import { createSupportBundleService } from '../support-bundle/support-bundle-service.js';
import { createUpdateController, type UpdaterPort } from '../updates/update-controller.js';
import { openFirstRun } from './first-run.js';
import { readPolicy } from './read-policy.js';
import { openSettings, type SettingsService } from './settings-service.js';

export type RolloutHandlers = Pick<Handlers, keyof typeof rolloutMethods>;

export interface RolloutOptions {
  readonly dataDir: string;
  readonly shell: 'electron' | 'web';
  readonly appVersion: string;
  readonly runtime: { readonly electron: string | null; readonly chrome: string | null };
  readonly events: EventBus;
  /** electron-updater from the Electron shell (shell/updater.ts); absent in the web shell. */
  readonly updater?: { readonly updater: UpdaterPort | null; readonly unsupportedReason?: string };
  /** The readiness service's latest report, once it exists. */
  readonly lastReadinessReport?: () => Promise<unknown>;
  /** Also print log lines to stderr (development). */
  readonly mirrorLogToStderr?: boolean;
  /** Tests: where the policy comes from (default: this machine's sources). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Rollout {
  readonly logger: LogService;
  readonly settings: SettingsService;
  readonly handlers: RolloutHandlers;
  /**
   * Wraps the display picker (the one way to a shared screen in Electron) so that it refuses while the
   * managed setting forbids screen sharing: enforced in the main process, whatever the renderer shows.
   */
  guardScreenSharing<P extends { ask(sources: readonly never[]): Promise<string | null> }>(picker: P): P;
  close(): Promise<void>;
}

export async function openRollout(options: RolloutOptions): Promise<Rollout> {
  const early: Array<[string, Record<string, unknown> | undefined]> = [];
  const settings = await openSettings({
    dataDir: options.dataDir,
    readPolicy: () => readPolicy({ platform: process.platform, env: options.env ?? process.env }),
    suggestedServerUrl: (options.env ?? process.env).BERATUNGSRAUM_DEMO_SERVER_URL,
    warn: (message, fields) => early.push([message, fields]),
  });
  const logger = await openLogService({ dataDir: options.dataDir, level: settings.values().logLevel, mirrorToStderr: options.mirrorLogToStderr ?? false });
  for (const [message, fields] of early) logger.warn(message, fields);
  logger.info('app.started', { version: options.appVersion, platform: process.platform, transport: options.shell, state: settings.get().policy.state });

  const unsubscribe = settings.onChange((next) => {
    logger.setLevel(next.values.logLevel.value);
    options.events.emit('settings.changed', next);
  });
  const bundles = createSupportBundleService({
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    shell: options.shell,
    runtime: options.runtime,
    logs: logger,
    settings,
    ...(options.lastReadinessReport ? { lastReadinessReport: options.lastReadinessReport } : {}),
  });
  const updates = createUpdateController({
    settings,
    updater: options.updater?.updater ?? null,
    unsupportedReason:
      options.updater?.unsupportedReason ??
      'Die Web-Oberfläche aktualisiert sich nicht selbst; die installierte Anwendung wird über die Softwareverteilung oder ihre Update-Quelle aktualisiert.',
    currentVersion: options.appVersion,
    log: logger,
    onStatus: (status) => options.events.emit('updates.status', status),
  });
  const firstRun = await openFirstRun({ dataDir: options.dataDir, settings });

  const handlers: RolloutHandlers = {
    'settings.get': () => settings.get(),
    'settings.set': (change) => settings.set(change),
    'support.createBundle': () => bundles.create(),
    'updates.status': () => updates.status(),
    'updates.check': () => updates.check(),
    'firstRun.get': () => firstRun.get(),
    'firstRun.complete': () => firstRun.complete(),
  };

  return {
    logger,
    settings,
    handlers,
    guardScreenSharing(picker) {
      return {
        ...picker,
        ask: (sources: readonly never[]) => {
          if (settings.values().screenSharingAllowed) return picker.ask(sources);
          logger.info('screen_sharing.refused', { source: settings.get().values.screenSharingAllowed.source });
          return Promise.resolve(null);
        },
      };
    },
    async close() {
      unsubscribe();
      updates.dispose();
      await logger.close();
    },
  };
}
