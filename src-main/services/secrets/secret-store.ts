/**
 * The one door to the OS keychain. Only this service touches it; everything else asks for the database key
 * through `database-key.ts`. Small on purpose, so a different binding (or a managed credential store) can
 * replace @napi-rs/keyring without touching the store.
 */
export interface SecretStore {
  /** A name for logs and the status view, e.g. "Secret Service". */
  readonly label: string;
  /** Resolves null when there is no entry; rejects with `KeychainUnavailableError` when the keychain cannot be used. */
  get(account: string): Promise<Uint8Array | null>;
  set(account: string, secret: Uint8Array): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
}

export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
  readonly code = 'KEYCHAIN_UNAVAILABLE' as const;
  constructor(detail: string) {
    super(
      'Der Schlüsselbund des Betriebssystems ist nicht erreichbar. Bitte melden Sie sich neu am Rechner an oder ' +
        'wenden Sie sich an den IT-Support; alternativ können Sie die lokalen Daten mit einer Passphrase schützen. ' +
        `(Technische Angabe: ${detail})`,
    );
  }
}
