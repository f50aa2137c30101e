/**
 * The server session's refresh token, kept in the encrypted store's meta table: encrypted at rest with the
 * database key (OS keychain or passphrase), never in a plaintext file, gone with a wipe. Closed while the store
 * is locked; the server session then holds a new token in memory until the store opens again.
 */
import { SavedSignIn, type SignInVault } from '../server-session/server-session.js';
import type { LocalStore } from './local-store.js';

const META_SIGN_IN = 'session.signIn';

export function storeSignInVault(openStore: () => LocalStore | null): SignInVault {
  return {
    read() {
      const store = openStore();
      if (!store) return undefined;
      const text = store.meta(META_SIGN_IN);
      if (!text) return null;
      try {
        const parsed = SavedSignIn.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    write(saved) {
      const store = openStore();
      if (!store) return false;
      store.setMeta(META_SIGN_IN, saved ? JSON.stringify(saved) : '');
      return true;
    },
  };
}
