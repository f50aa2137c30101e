/**
 * The effective settings of this laptop: the machine policy read once at start (and on `reload`), the user's
 * own choices from `settings.json` in their data folder, and the defaults, joined by `resolveSettings`.
 * Services that act on a setting (logger level, updater, auto-lock, retention, screen sharing, sync) read
 * `values()` and subscribe with `onChange`; the renderer sees the same through `settings.get`/`settings.changed`
 * (the calendar and the reports take their planning figures, video channels and net working time, from there).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import { lockedKeys, resolveSettings } from '../../../src-shared/policy/resolve.js';
import {
  DEFAULTS,
  ServerUrl,
  UserSettings,
  plainValues,
  type EffectiveSettings,
  type ManagedSettings,
  type PolicyReading,
  type SettingKey,
} from '../../../src-shared/policy/settings.js';

/** German labels for messages that name a setting. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  serverUrl: 'Serveradresse',
  autoLockMinutes: 'Automatische Sperre',
  retentionDays: 'Aufbewahrungsdauer',
  screenSharingAllowed: 'Bildschirmfreigabe',
  updatesEnabled: 'Automatische Updates',
  updateFeedUrl: 'Update-Quelle',
  updateChannel: 'Update-Kanal',
  logLevel: 'Protokollstufe',
  videoChannels: 'Videokanäle der Dienststelle',
  netMinutesPerWorkingDay: 'Netto-Arbeitszeit je Arbeitstag',
};

export interface SettingsService {
  get(): EffectiveSettings;
  values(): ManagedSettings;
  /** Changes the user's own settings; refuses (IpcError REFUSED) any key the policy locks. */
  set(change: UserSettings): Promise<EffectiveSettings>;
  /** Reads the policy again (e.g. after IT changed it); notifies listeners when anything changed. */
  reload(): Promise<EffectiveSettings>;
  onChange(listener: (settings: EffectiveSettings) => void): () => void;
}

export interface SettingsServiceOptions {
  readonly dataDir: string;
  readonly readPolicy: () => Promise<PolicyReading>;
  readonly warn?: (message: string, fields?: Record<string, unknown>) => void;
  /**
   * The server address offered while neither policy nor user set one: `npm start` on a checkout runs the demo
   * server beside the app and names it in BERATUNGSRAUM_DEMO_SERVER_URL (scripts/demo-server.ts).
   */
  readonly suggestedServerUrl?: string | undefined;
}

export async function openSettings(options: SettingsServiceOptions): Promise<SettingsService> {
  const file = join(options.dataDir, 'settings.json');
  const warn = options.warn ?? (() => {});
  const listeners = new Set<(settings: EffectiveSettings) => void>();

  let user: UserSettings = {};
  try {
    const parsed = UserSettings.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) user = parsed.data;
    else warn('settings.user_file_invalid', { issues: parsed.error.issues.length });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') warn('settings.user_file_unreadable', { code: code ?? 'parse' });
  }

  const suggested = ServerUrl.safeParse(options.suggestedServerUrl);
  const defaults = suggested.success ? { ...DEFAULTS, serverUrl: suggested.data } : DEFAULTS;
  let policy = await options.readPolicy();
  if (policy.state === 'invalid') warn('policy.invalid', { sources: policy.sources.map((s) => `${s.kind}:${s.state}`).join(',') });
  let current = resolveSettings(policy, user, defaults);

  const publish = (next: EffectiveSettings) => {
    const changed = JSON.stringify(next.values) !== JSON.stringify(current.values) || next.policy.state !== current.policy.state;
    current = next;
    if (changed) for (const listener of listeners) listener(next);
  };

  return {
    get: () => current,
    values: () => plainValues(current),
    async set(change) {
      const locked = lockedKeys(current, change);
      if (locked.length > 0) {
        const names = locked.map((key) => `„${SETTING_LABELS[key]}“`).join(', ');
        throw new IpcError(
          'REFUSED',
          `${names} ${locked.length === 1 ? 'wird' : 'werden'} von Ihrer IT zentral verwaltet und kann hier nicht geändert werden. Wenden Sie sich bei Bedarf an den IT-Service.`,
        );
      }
      const nextUser = UserSettings.parse({ ...user, ...change });
      await mkdir(options.dataDir, { recursive: true });
      // Write-then-rename: a crash leaves the old or the new file, never half of one.
      await writeFile(`${file}.tmp`, JSON.stringify(nextUser, null, 2));
      await rename(`${file}.tmp`, file);
      user = nextUser;
      publish(resolveSettings(policy, user, defaults));
      return current;
    },
    async reload() {
      policy = await options.readPolicy();
      publish(resolveSettings(policy, user, defaults));
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
