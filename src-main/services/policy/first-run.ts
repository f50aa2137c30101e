/**
 * The first run of the app on a laptop: whether the welcome was finished, and the sign-in that honours the
 * managed server address. The sign-in itself is the sync engine's (`sync.signIn`); this adds the policy rule
 * (a managed address cannot be replaced by a typed one), remembers an entered address as the user's setting,
 * and sorts failures into "server said no" and "server not reachable", which the welcome shows differently:
 * the app opens offline with its cached data either way.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FirstRunState, SignInReply } from '../../../src-shared/ipc/features/rollout.js';
import type { Logger } from '../logging/log-service.js';
import type { SettingsService } from './settings-service.js';

/** The sync engine's sign-in; throws with a `code` (SyncApiError, or an IpcError with the code in details[0]). */
export type SignIn = (serverUrl: string, username: string, password: string) => Promise<unknown>;

const FirstRunFile = z.object({ completedAt: z.iso.datetime({ offset: true }) });

/** Codes the sync engine uses when no answer came back (network down, DNS, TLS, timeout). */
const UNREACHABLE = new Set(['SERVER_UNREACHABLE']);

export interface FirstRunService {
  get(): FirstRunState;
  complete(): Promise<FirstRunState>;
  signIn(request: { serverUrl?: string | undefined; username: string; password: string }): Promise<SignInReply>;
}

const errorCode = (error: unknown): string => {
  const value = error as { code?: unknown; details?: unknown } | null;
  if (Array.isArray(value?.details) && typeof value.details[0] === 'string') return value.details[0];
  return typeof value?.code === 'string' ? value.code : 'UNKNOWN';
};

export async function openFirstRun(options: { dataDir: string; settings: SettingsService; signIn: SignIn; log: Logger; now?: () => Date }): Promise<FirstRunService> {
  const file = join(options.dataDir, 'first-run.json');
  const log = options.log.child('first-run');
  let completed = false;
  try {
    completed = FirstRunFile.safeParse(JSON.parse(await readFile(file, 'utf8'))).success;
  } catch {
    // Missing or unreadable: show the welcome again, which is harmless.
  }

  const state = (): FirstRunState => {
    const { serverUrl } = options.settings.get().values;
    return { completed, serverUrl: serverUrl.value, serverUrlLocked: serverUrl.source === 'policy' };
  };

  return {
    get: state,
    async complete() {
      await mkdir(options.dataDir, { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify({ completedAt: (options.now ?? (() => new Date()))().toISOString() }));
      await rename(`${file}.tmp`, file);
      completed = true;
      return state();
    },
    async signIn({ serverUrl: entered, username, password }) {
      const managed = options.settings.get().values.serverUrl;
      if (managed.source === 'policy' && entered !== undefined && entered !== managed.value) {
        return { outcome: 'rejected', message: 'Die Serveradresse wird von Ihrer IT vorgegeben und kann nicht geändert werden.' };
      }
      const serverUrl = managed.source === 'policy' ? managed.value : (entered ?? managed.value);
      if (!serverUrl) return { outcome: 'rejected', message: 'Bitte geben Sie die Adresse des Beratungsraum-Servers ein.' };
      if (!managed.locked && entered !== undefined && entered !== managed.value) await options.settings.set({ serverUrl: entered });
      try {
        await options.signIn(serverUrl, username, password);
        log.info('first_run.signed_in', { url: serverUrl });
        return { outcome: 'signed-in', serverUrl };
      } catch (error) {
        const code = errorCode(error);
        log.warn('first_run.sign_in_failed', { code, url: serverUrl });
        if (UNREACHABLE.has(code)) {
          return {
            outcome: 'unreachable',
            message: 'Der Server ist nicht erreichbar. Sie können offline mit den zuletzt geladenen Daten weiterarbeiten; die Anmeldung wird nachgeholt, sobald eine Verbindung besteht.',
          };
        }
        const message = error instanceof Error && error.message ? error.message : 'Die Anmeldung ist fehlgeschlagen.';
        return { outcome: 'rejected', message: message.slice(0, 500) };
      }
    },
  };
}
