/**
 * The composition root of the back office: opens the services and joins their handlers into the one router.
 * The Electron shell and the web-shell host both start exactly this; services never learn which one did.
 */
import { arch, platform } from 'node:process';
import type { AppInfo, Shell } from '../src-shared/ipc/features/app.js';
import { createEventBus, type EventBus } from './ipc/events.js';
import { createRouter, type Router } from './ipc/router.js';
import { openPreferences } from './services/preferences.js';
import { appVersion } from './services/app-version.js';
import { createOsKeychain } from './services/secrets/os-keychain.js';
import { createLocalData } from './services/store/local-data.js';
import { localDataHandlers } from './services/store/local-data-handlers.js';
import { readinessHandlers } from './services/readiness/handlers.js';
import { invitationHandlers } from './services/invitations/invitation-handlers.js';
import { createCallSessions } from './services/session/call-session.js';
import { sessionHandlers } from './services/session/session-handlers.js';
import { createDisplayPicker, type DisplayPicker } from './services/session/display-picker.js';
import { openRollout } from './services/policy/rollout.js';
import type { UpdaterPort } from './services/updates/update-controller.js';
import { watchCustomerValues } from './services/logging/customer-values.js';
import { createServerSession } from './services/server-session/server-session.js';
import { reviewHandlers } from './services/review/review-handlers.js';
import { serverSessionHandlers } from './services/server-session/server-session-handlers.js';
import { storeSignInVault } from './services/store/sign-in-vault.js';
import { arrivalNotice, type Notice } from './services/waiting/arrival-notice.js';
import { todaysVideoAppointments } from './services/waiting/todays-rooms.js';
import { createWaitingWatch } from './services/waiting/waiting-watch.js';

export interface BackOfficeOptions {
  readonly shell: Shell;
  /** Where the user's local data lives (Electron: app.getPath('userData')). */
  readonly dataDir: string;
  /** Electron only: the app's own origin, the one trusted sender. */
  readonly isTrustedFrame?: (frameUrl: string, isMainFrame: boolean) => boolean;
  readonly runtime?: { electron: string | null; chrome: string | null };
  readonly log?: (message: string) => void;
  /** Electron only: electron-updater for the update controller (shell/updater.ts). */
  readonly updater?: { readonly updater: UpdaterPort | null; readonly unsupportedReason?: string };
  /** Electron only: a system notification (shell/notifications.ts); the web shell's page has its own cue. */
  readonly notify?: (notice: Notice) => void;
}

export interface BackOffice {
  readonly router: Router;
  readonly events: EventBus;
  /** The app's own share picker; the Electron shell's display-media handler asks it (shell/display-media.ts). */
  readonly displayPicker: DisplayPicker;
  close(): Promise<void>;
}

export async function startBackOffice(options: BackOfficeOptions): Promise<BackOffice> {
  const events = createEventBus();
  // Managed settings, the redacted log, support bundle, updates, first run (issue 8); opened first for the log.
  const rollout = await openRollout({
    dataDir: options.dataDir,
    shell: options.shell,
    appVersion: appVersion(),
    runtime: options.runtime ?? { electron: null, chrome: null },
    events,
    ...(options.updater ? { updater: options.updater } : {}),
    // For the support bundle: the newest saved device-check report (history is newest first).
    lastReadinessReport: async () => (await readiness['readiness.history']({})).reports[0] ?? null,
  });
  const log = options.log ?? ((message: string) => rollout.logger.warn(message));
  const preferences = await openPreferences(options.dataDir, (next) => events.emit('preferences.changed', next), log);
  // The one owner of the sign-in to the server; its refresh token lives in the encrypted store (sign-in-vault.ts).
  const serverSession = createServerSession({
    vault: storeSignInVault(() => (localData.status().state === 'unlocked' ? localData.use() : null)),
    log,
  });
  serverSession.onChange((state) => events.emit('serverSession.state', state));
  const localData = createLocalData({
    dataDir: options.dataDir,
    serverSession,
    secretStore: createOsKeychain({ service: 'Beratungsraum' }),
    // Auto-lock and retention are managed settings: policy > user > default (services/policy).
    policy: { autoLockMinutes: rollout.settings.values().autoLockMinutes, retentionDays: rollout.settings.values().retentionDays },
    onStatus: (status) => events.emit('store.status', status),
    onSyncState: (state) => events.emit('sync.state', state),
    onNotesChanged: (appointmentIds) => events.emit('notes.changed', { appointmentIds }),
    log,
  });
  rollout.settings.onChange(({ values }) => localData.setPolicy({ autoLockMinutes: values.autoLockMinutes.value, retentionDays: values.retentionDays.value }));
  // Not awaited: a locked keyring may show an unlock prompt; the renderer follows `store.status` meanwhile.
  // Without any keychain (the web shell in tests) this settles at once in state `needs_setup`.
  localData.start().catch((error: unknown) => log(`Lokaler Speicher: ${error instanceof Error ? error.message : String(error)}`));
  const calls = createCallSessions({
    serverSession: () => serverSession.access(),
    onMessage: (message) => events.emit('session.message', message),
    onConnection: (state) => events.emit('session.connection', { state }),
  });
  const waiting = createWaitingWatch({
    access: () => serverSession.access(),
    renew: (token) => serverSession.renew(token),
    appointments: () => todaysVideoAppointments(localData)?.map((appointment) => appointment.id) ?? null,
    onChange: (snapshot) => events.emit('waiting.changed', snapshot),
    onArrival: (guest) => {
      if (!options.notify) return;
      const start = todaysVideoAppointments(localData)?.find((appointment) => appointment.id === guest.appointmentId)?.start ?? null;
      options.notify(arrivalNotice(guest, start, preferences.get().language));
    },
    log,
  });
  const displayPicker = rollout.guardScreenSharing(createDisplayPicker((request) => events.emit('session.displayPicker', request)));
  const info: AppInfo = {
    name: 'Beratungsraum',
    version: appVersion(),
    shell: options.shell,
    platform: `${platform}-${arch}`,
    runtime: { node: process.versions.node, ...(options.runtime ?? { electron: null, chrome: null }) },
    startedAt: new Date().toISOString(),
  };

  const readiness = readinessHandlers({ localData, serverSession: () => serverSession.credentials(), log });
  const router = createRouter(
    {
      'app.info': () => info,
      'preferences.get': () => preferences.get(),
      'preferences.set': (change) => preferences.set(change),
      // Customers and note text seen here are removed from every later log line (logging/customer-values.ts).
      ...watchCustomerValues(rollout.logger.redactor, localDataHandlers(localData)),
      ...serverSessionHandlers({
        session: serverSession,
        settings: rollout.settings,
        sync: localData.sync,
        audit: (event) => {
          if (localData.status().state === 'unlocked') localData.use().audit(event, new Date());
        },
        log: rollout.logger,
      }),
      ...readiness,
      ...reviewHandlers({ access: () => serverSession.access() }),
      ...sessionHandlers(calls, displayPicker),
      'waiting.list': () => waiting.snapshot(),
      ...invitationHandlers({ session: serverSession }),
      ...rollout.handlers,
    },
    {
      // The web shell authenticates connections itself; Electron frames are checked by the shell's rule.
      isTrustedFrame: options.isTrustedFrame ?? (() => false),
      onRejected: (method, error) => log(`IPC call ${method} rejected: ${error.code}`),
    },
  );

  return {
    router,
    events,
    displayPicker,
    close: async () => {
      waiting.close();
      await calls.close();
      await localData.close();
      await rollout.close();
    },
  };
}
