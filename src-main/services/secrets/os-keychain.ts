/**
 * `SecretStore` on the OS keychain through @napi-rs/keyring (Rust `keyring` crate over N-API): Windows
 * Credential Manager, macOS Keychain, Secret Service on Linux. N-API means one prebuilt binary for Node and
 * Electron, no rebuild per Electron version; keytar, the usual choice, is archived since 2022.
 */
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { KeychainUnavailableError, type SecretStore } from './secret-store.js';

/**
 * On Linux the binding silently falls back to the kernel keyring (keyutils) when Secret Service is missing.
 * That keyring forgets everything at logout, which would leave an encrypted database nobody can open, so the
 * store is pinned to Secret Service and its absence is reported instead.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * A locked keyring shows an unlock prompt; the counsellor gets this long to answer it before we report the
 * keychain as unavailable (and the UI offers to try again).
 */
const DEFAULT_TIMEOUT_MS = 60_000;

export interface OsKeychainOptions {
  /** The service name the entries are filed under. */
  readonly service: string;
  readonly timeoutMs?: number;
}

export function createOsKeychain(options: OsKeychainOptions): SecretStore {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function withEntry<T>(account: string, use: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      // The constructor already talks to D-Bus on Linux and throws synchronously when there is no session bus.
      const entry = new AsyncEntry(options.service, account, ENTRY_OPTIONS);
      return await use(entry, AbortSignal.timeout(timeout));
    } catch (error) {
      throw new KeychainUnavailableError(error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error));
    }
  }

  return {
    label: process.platform === 'win32' ? 'Windows-Anmeldeinformationsverwaltung' : process.platform === 'darwin' ? 'macOS-Schlüsselbund' : 'Secret Service',
    get: (account) =>
      withEntry(account, async (entry, signal) => {
        const secret = await entry.getSecret(signal);
        return secret === null ? null : Uint8Array.from(secret);
      }),
    set: (account, secret) => withEntry(account, (entry, signal) => entry.setSecret(secret, signal)),
    delete: (account) => withEntry(account, (entry, signal) => entry.deleteCredential(signal)),
  };
}
