/**
 * The database key: 32 random bytes, created once, kept either in the OS keychain (default) or, where no
 * keychain exists, wrapped with a passphrase in a file next to the database. There is no third place: the key
 * is never written in plain text and never hard-coded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { WrappedKeyFile } from '../../../src-shared/store/files.js';
import { KeychainUnavailableError, type SecretStore } from './secret-store.js';
import { unwrapKey, wrapKey, SCRYPT_PARAMS } from './key-wrap.js';

export const DATABASE_KEY_BYTES = 32;
/**
 * The keychain account under the app's service name, one per data folder: two profiles (or a test run next to
 * a real installation) must never share, and so overwrite, each other's key.
 */
export const databaseKeyAccount = (dataDir: string): string =>
  `local-store-key-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}`;

export class KeychainEntryMissingError extends Error {
  override readonly name = 'KeychainEntryMissingError';
  readonly code = 'KEYCHAIN_ENTRY_MISSING' as const;
  constructor() {
    super(
      'Der Schlüssel der lokalen Datenbank fehlt im Schlüsselbund (z. B. nach einer Neuinstallation des Profils). ' +
        'Die verschlüsselte Datei bleibt unverändert erhalten. Bitte wenden Sie sich an den IT-Support: Er kann den ' +
        'Schlüsselbund wiederherstellen oder die lokalen Daten löschen; nicht synchronisierte Notizen gehen dabei verloren.',
    );
  }
}

export class KeyFileInvalidError extends Error {
  override readonly name = 'KeyFileInvalidError';
  readonly code = 'KEY_FILE_INVALID' as const;
  constructor(path: string, detail: string) {
    super(
      `Die Schlüsseldatei ${path} fehlt oder ist beschädigt (${detail}). Die verschlüsselte Datenbank bleibt unverändert; ` +
        'bitte wenden Sie sich an den IT-Support (Sicherung der Schlüsseldatei einspielen).',
    );
  }
}

export interface DatabaseKeys {
  /** True when the keychain answers (whether or not it holds our entry). */
  keychainAvailable(): Promise<boolean>;
  createInKeychain(): Promise<Buffer>;
  loadFromKeychain(): Promise<Buffer>;
  createWithPassphrase(passphrase: string): Promise<Buffer>;
  loadWithPassphrase(passphrase: string): Promise<Buffer>;
  /** IT-support wipe: removes the keychain entry and the wrapped key file; says which existed. */
  destroy(): Promise<{ keychainEntry: boolean | 'unreachable'; keyFile: boolean }>;
}

export interface DatabaseKeysOptions {
  /** Null where the platform offers no keychain binding at all. */
  readonly secretStore: SecretStore | null;
  /** The keychain account (see `databaseKeyAccount`). */
  readonly account: string;
  /** Path of the wrapped key file (passphrase mode). */
  readonly keyFile: string;
  readonly now?: () => Date;
  /** Tests lower the scrypt cost; production uses `SCRYPT_PARAMS`. */
  readonly scryptParams?: { N: number; r: number; p: number };
}

export function createDatabaseKeys(options: DatabaseKeysOptions): DatabaseKeys {
  const now = options.now ?? (() => new Date());
  const store = (): SecretStore => {
    if (!options.secretStore) throw new KeychainUnavailableError('keine Schlüsselbund-Anbindung auf dieser Plattform');
    return options.secretStore;
  };

  return {
    async keychainAvailable() {
      if (!options.secretStore) return false;
      try {
        await options.secretStore.get(options.account);
        return true;
      } catch (error) {
        if (error instanceof KeychainUnavailableError) return false;
        throw error;
      }
    },
    async createInKeychain() {
      const key = randomBytes(DATABASE_KEY_BYTES);
      await store().set(options.account, key);
      // Read back: a keychain that accepts writes but returns something else must not get our only copy.
      const check = await store().get(options.account);
      if (!check || !Buffer.from(check).equals(key)) throw new KeychainUnavailableError('Schlüssel ließ sich nicht zurücklesen');
      return key;
    },
    async loadFromKeychain() {
      const secret = await store().get(options.account);
      if (secret === null) throw new KeychainEntryMissingError();
      if (secret.length !== DATABASE_KEY_BYTES) throw new KeychainUnavailableError(`Eintrag hat ${secret.length} statt ${DATABASE_KEY_BYTES} Bytes`);
      return Buffer.from(secret);
    },
    async createWithPassphrase(passphrase) {
      const key = randomBytes(DATABASE_KEY_BYTES);
      const wrapped = await wrapKey(key, passphrase, now(), options.scryptParams ?? SCRYPT_PARAMS);
      // Write-then-rename, owner-only: a crash leaves no half key file.
      await writeFile(`${options.keyFile}.tmp`, JSON.stringify(wrapped, null, 2), { mode: 0o600 });
      await rename(`${options.keyFile}.tmp`, options.keyFile);
      return key;
    },
    async loadWithPassphrase(passphrase) {
      let parsed: WrappedKeyFile;
      try {
        const result = WrappedKeyFile.safeParse(JSON.parse(await readFile(options.keyFile, 'utf8')));
        if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'ungültig');
        parsed = result.data;
      } catch (error) {
        throw new KeyFileInvalidError(options.keyFile, error instanceof Error ? error.message : String(error));
      }
      const key = await unwrapKey(parsed, passphrase);
      if (key.length !== DATABASE_KEY_BYTES) throw new KeyFileInvalidError(options.keyFile, 'falsche Schlüssellänge');
      return key;
    },
    async destroy() {
      let keychainEntry: boolean | 'unreachable' = false;
      if (options.secretStore) {
        try {
          keychainEntry = await options.secretStore.delete(options.account);
        } catch (error) {
          if (!(error instanceof KeychainUnavailableError)) throw error;
          keychainEntry = 'unreachable';
        }
      }
      let keyFile = true;
      try {
        await rm(options.keyFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        keyFile = false;
      }
      return { keychainEntry, keyFile };
    },
  };
}
