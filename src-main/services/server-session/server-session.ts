/**
 * The one owner of the counsellor's sign-in to the self-hosted server. Sync, calls, the device check and the
 * first run ask it for credentials instead of holding their own. It keeps the short-lived session token in
 * memory only and the refresh token in a `SignInVault` (the encrypted local store), so a restart stays signed
 * in: the first request after it spends the refresh token for a fresh pair. When the server refuses the refresh
 * token (its lifetime is over, someone signed out elsewhere, IT revoked it) the state turns `expired` and the
 * app asks for the password again; unsent changes stay in the outbox meanwhile.
 */
import { SessionUser, type LoginReply } from '../../../src-shared/http/sync-api.js';
import type { ServerSessionState } from '../../../src-shared/ipc/features/server-session.js';
import { createSyncApi, SyncApiError, type SyncApi } from '../sync/api-client.js';
import { z } from 'zod';

/** What the vault keeps of a sign-in: enough to renew it and to say who is signed in before renewing. */
export const SavedSignIn = z.object({
  serverUrl: z.string().min(1).max(2048),
  refreshToken: z.string().min(1).max(200),
  refreshExpiresAt: z.iso.datetime({ offset: true }),
  user: SessionUser,
});
export type SavedSignIn = z.infer<typeof SavedSignIn>;

/**
 * Where the refresh token lives. `read` answers `undefined` while the vault is closed (the store is locked),
 * `write` answers false then; the service writes again when told the vault opened.
 */
export interface SignInVault {
  read(): SavedSignIn | null | undefined;
  write(saved: SavedSignIn | null): boolean;
}

/** Credentials for one request to the server. */
export interface ServerCredentials {
  readonly serverUrl: string;
  readonly token: string;
  readonly displayName: string;
  readonly userId: string;
}

export interface ServerSession {
  state(): ServerSessionState;
  /** The credentials in memory right now (null before the first renewal after a restart). */
  credentials(): ServerCredentials | null;
  /**
   * Credentials to call the server with, renewing first when only the saved refresh token exists. Null when
   * nobody is signed in (or the sign-in expired); throws `SyncApiError` when the server cannot be reached.
   */
  access(): Promise<ServerCredentials | null>;
  /** The server refused `token` (401): renew once (shared by concurrent callers); null when the sign-in ended. */
  renew(token: string): Promise<ServerCredentials | null>;
  /** Signs in with the password; throws `SyncApiError` (the server's code, or `SERVER_UNREACHABLE`). */
  signIn(serverUrl: string, username: string, password: string): Promise<SessionUser>;
  /** Ends the sign-in on the server (best effort: offline it still ends here) and forgets the refresh token. */
  signOut(): Promise<ServerSessionState>;
  /** The vault opened (store unlocked): take up a saved sign-in, or save one made while it was locked. */
  vaultOpened(): void;
  /** The local data were wiped: forget the sign-in here without telling the server. */
  forget(): void;
  onChange(listener: (state: ServerSessionState) => void): () => void;
}

export interface ServerSessionOptions {
  readonly vault: SignInVault;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
  /** Tests: the clock that decides when a session token is due for renewal. */
  readonly now?: () => number;
}

/** A session token this close to its end is renewed before use, so a call's `hello` never carries a dying one. */
const RENEW_BEFORE_MS = 2 * 60_000;

const EXPIRED_MESSAGE = 'Ihre Anmeldung am Server ist abgelaufen. Bitte melden Sie sich erneut an; Ihre Änderungen bleiben gespeichert.';

interface Held {
  readonly api: SyncApi;
  readonly saved: SavedSignIn;
  /** Null until renewed after a restart. */
  readonly token: string | null;
  /** When the server ends `token` (its `expiresAt`). */
  readonly expiresAtMs: number;
  /** Not yet in the vault (signed in or renewed while the store was locked). */
  readonly unsaved: boolean;
}

export function createServerSession(options: ServerSessionOptions): ServerSession {
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const listeners = new Set<(state: ServerSessionState) => void>();
  let held: Held | null = null;
  let expired: { serverUrl: string; user: SavedSignIn['user'] } | null = null;
  let renewing: Promise<ServerCredentials | null> | null = null;
  let last = '';

  const state = (): ServerSessionState => {
    if (held) return { status: 'signed-in', serverUrl: held.saved.serverUrl, user: pick(held.saved.user), message: null };
    if (expired) return { status: 'expired', serverUrl: expired.serverUrl, user: pick(expired.user), message: EXPIRED_MESSAGE };
    return { status: 'signed-out', serverUrl: null, user: null, message: null };
  };
  // What the renderer may know: no account id.
  const pick = ({ displayName, role, fachdienst, region }: SavedSignIn['user']) => ({ displayName, role, fachdienst, region });

  function publish(): void {
    const current = state();
    const text = JSON.stringify(current);
    if (text === last) return;
    last = text;
    for (const listener of listeners) listener(current);
  }

  const credentialsOf = (h: Held | null): ServerCredentials | null =>
    h?.token ? { serverUrl: h.saved.serverUrl, token: h.token, displayName: h.saved.user.displayName, userId: h.saved.user.id } : null;

  function hold(api: SyncApi, serverUrl: string, reply: z.infer<typeof LoginReply>): void {
    const saved: SavedSignIn = {
      serverUrl,
      refreshToken: reply.refreshToken,
      refreshExpiresAt: reply.refreshExpiresAt,
      user: reply.user,
    };
    held = { api, saved, token: reply.token, expiresAtMs: Date.parse(reply.expiresAt), unsaved: !options.vault.write(saved) };
    expired = null;
    publish();
  }

  function end(reason: 'expired' | 'signed-out'): void {
    if (reason === 'expired' && held) expired = { serverUrl: held.saved.serverUrl, user: held.saved.user };
    if (reason === 'signed-out') expired = null;
    held = null;
    options.vault.write(null);
    publish();
  }

  async function renewNow(from: Held): Promise<ServerCredentials | null> {
    try {
      const reply = await from.api.refresh(from.saved.refreshToken);
      if (held !== from) return credentialsOf(held);
      hold(from.api, from.saved.serverUrl, reply);
      return credentialsOf(held);
    } catch (error) {
      if (error instanceof SyncApiError && error.status === 401) {
        log('Anmeldung am Server: abgelaufen');
        if (held === from) end('expired');
        return null;
      }
      throw error;
    }
  }

  function renewOnce(from: Held): Promise<ServerCredentials | null> {
    renewing ??= renewNow(from).finally(() => {
      renewing = null;
    });
    return renewing;
  }

  return {
    state,
    credentials: () => credentialsOf(held),
    async access() {
      const current = held;
      if (!current) return null;
      return current.token && current.expiresAtMs - now() > RENEW_BEFORE_MS ? credentialsOf(current) : renewOnce(current);
    },
    async renew(token) {
      const current = held;
      if (!current) return null;
      // Someone else renewed already: use their token instead of spending the new refresh token again.
      if (current.token && current.token !== token) return credentialsOf(current);
      return renewOnce(current);
    },
    async signIn(serverUrl, username, password) {
      const api = createSyncApi(serverUrl, options.fetch);
      const reply = await api.login({ username, password });
      hold(api, serverUrl, reply);
      return reply.user;
    },
    async signOut() {
      const current = held;
      end('signed-out');
      if (current) {
        try {
          await current.api.logout(current.saved.refreshToken);
        } catch (error) {
          // Offline: the refresh token is gone from this laptop; the server lets it expire unused.
          log(`Abmeldung am Server nicht bestätigt: ${error instanceof SyncApiError ? error.code : String(error)}`);
        }
      }
      return state();
    },
    vaultOpened() {
      if (held?.unsaved) {
        held = { ...held, unsaved: !options.vault.write(held.saved) };
        return;
      }
      if (held) return;
      const saved = options.vault.read();
      if (!saved) return;
      if (Date.parse(saved.refreshExpiresAt) <= now()) {
        expired = { serverUrl: saved.serverUrl, user: saved.user };
        options.vault.write(null);
      } else {
        held = { api: createSyncApi(saved.serverUrl, options.fetch), saved, token: null, expiresAtMs: 0, unsaved: false };
      }
      publish();
    },
    forget() {
      held = null;
      expired = null;
      publish();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
