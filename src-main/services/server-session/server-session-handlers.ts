/**
 * The contract's sign-in methods on top of the server session. Every sign-in form (first run, status bar,
 * Einstellungen) goes through `serverSession.signIn`, which adds what the session itself does not know: the
 * managed server address (a policy address cannot be replaced by a typed one), the address as typed
 * (`host:port` is fine), remembering an entered address as the user's setting, and sorting failures into
 * "the server said no" and "no answer", which the forms show differently — the app works offline either way.
 */
import { IpcError } from '../../../src-shared/ipc/errors.js';
import type { serverSessionMethods, ServerSignInReply } from '../../../src-shared/ipc/features/server-session.js';
import { parseServerAddress, SERVER_ADDRESS_HINT } from '../../../src-shared/policy/server-address.js';
import type { Handlers } from '../../ipc/router.js';
import type { Logger } from '../logging/log-service.js';
import type { SettingsService } from '../policy/settings-service.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { ServerSession } from './server-session.js';

type ServerSessionHandlers = Pick<Handlers, keyof typeof serverSessionMethods>;

/** Same origin and path, ignoring a trailing slash: `https://x/` and `https://x` are one server. */
const sameServer = (a: string, b: string | null): boolean => b !== null && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

const codeOf = (error: unknown): string => {
  const value = error as { code?: unknown } | null;
  return typeof value?.code === 'string' ? value.code : 'UNKNOWN';
};

export interface ServerSessionHandlerDeps {
  readonly session: ServerSession;
  readonly settings: SettingsService;
  readonly sync: Pick<SyncEngine, 'state'>;
  /** Writes `sign_in`/`sign_out` to the store's audit log when it is open. */
  readonly audit: (event: 'sign_in' | 'sign_out') => void;
  readonly log: Logger;
}

export function serverSessionHandlers({ session, settings, sync, audit, log: parent }: ServerSessionHandlerDeps): ServerSessionHandlers {
  const log = parent.child('server-session');

  async function signIn(request: { serverUrl?: string | undefined; username: string; password: string }): Promise<ServerSignInReply> {
    const managed = settings.get().values.serverUrl;
    let entered: string | undefined;
    if (request.serverUrl !== undefined && request.serverUrl.trim() !== '') {
      const address = parseServerAddress(request.serverUrl);
      if (!address.ok) return { outcome: 'rejected', message: address.message, field: 'serverUrl' };
      entered = address.url;
    }
    if (managed.source === 'policy' && entered !== undefined && !sameServer(entered, managed.value)) {
      return { outcome: 'rejected', message: 'Die Serveradresse wird von Ihrer IT vorgegeben und kann nicht geändert werden.', field: 'serverUrl' };
    }
    const serverUrl = managed.source === 'policy' ? managed.value : (entered ?? managed.value);
    if (!serverUrl) return { outcome: 'rejected', message: SERVER_ADDRESS_HINT, field: 'serverUrl' };
    if (!managed.locked && entered !== undefined && entered !== managed.value) await settings.set({ serverUrl: entered });
    try {
      await session.signIn(serverUrl, request.username, request.password);
      audit('sign_in');
      log.info('server_session.signed_in', { url: serverUrl });
      return { outcome: 'signed-in', serverUrl, session: session.state() };
    } catch (error) {
      const code = codeOf(error);
      log.warn('server_session.sign_in_failed', { code, url: serverUrl });
      if (code === 'SERVER_UNREACHABLE') {
        return {
          outcome: 'unreachable',
          message: `Der Server ${serverUrl} antwortet nicht. Prüfen Sie die Adresse und Ihre Verbindung; bis dahin arbeiten Sie offline mit den zuletzt geladenen Daten weiter.`,
        };
      }
      const message = error instanceof Error && error.message ? error.message : 'Die Anmeldung ist fehlgeschlagen.';
      return { outcome: 'rejected', message: message.slice(0, 500), field: code === 'LOGIN_FAILED' ? 'password' : null };
    }
  }

  return {
    'serverSession.state': () => session.state(),
    'serverSession.signIn': (request) => signIn(request),
    'serverSession.signOut': async () => {
      const wasSignedIn = session.state().status === 'signed-in';
      const state = await session.signOut();
      if (wasSignedIn) audit('sign_out');
      return state;
    },
    // For scripts and test set-up: the same sign-in, failing as an error instead of answering.
    'sync.signIn': async (request) => {
      const reply = await signIn(request);
      if (reply.outcome !== 'signed-in') throw new IpcError('REFUSED', reply.message, [reply.outcome]);
      return sync.state();
    },
  };
}
