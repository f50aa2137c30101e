/**
 * The lifecycle of the counsellor's local data: set-up (keychain or passphrase), unlock, lock and auto-lock,
 * retention purge, IT-support wipe, and the sync engine on top. It holds the key only as long as it takes to
 * open the database; while locked, no key and no open connection exist in this process.
 *
 * Files in `<dataDir>/local-store/`: `beratungsraum.db` (+ `-wal`, `-shm`, all encrypted), `manifest.json`
 * (storage mode and key check, no secrets), `database-key.json` (passphrase mode only: the scrypt-wrapped key).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreManifest } from '../../../src-shared/store/files.js';
import { StoreErrorCode, type StorageMode, type StoreProblem, type StoreStatus, type SyncState } from '../../../src-shared/store/status.js';
import { createDatabaseKeys, databaseKeyAccount, type DatabaseKeys } from '../secrets/database-key.js';
import { WrongPassphraseError } from '../secrets/key-wrap.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { ServerSession } from '../server-session/server-session.js';
import { createSyncEngine, type SyncEngine, type SyncWindow } from '../sync/sync-engine.js';
import type { BackoffPolicy } from '../sync/backoff.js';
import { CorruptDatabaseError, StoreError, StoreLockedError } from './errors.js';
import { LocalStore } from './local-store.js';
import { keyCheckOf } from './open-database.js';

export interface RetentionPolicy {
  readonly autoLockMinutes: number;
  readonly retentionDays: number;
}

/** The managed settings' defaults (src-shared/policy); the composition root passes the effective values. */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { autoLockMinutes: 10, retentionDays: 90 };

export class AlreadySetUpError extends StoreError {
  override readonly name = 'AlreadySetUpError';
  readonly code = 'ALREADY_SET_UP' as const;
  constructor() {
    super('Die lokalen Daten sind bereits eingerichtet. Eine neue Passphrase kann nur nach dem Löschen durch den IT-Support gesetzt werden.');
  }
}

export interface LocalDataOptions {
  readonly dataDir: string;
  /** The OS keychain, or null where none can exist. */
  readonly secretStore: SecretStore | null;
  readonly policy?: RetentionPolicy;
  /** The sign-in the sync engine uses; told when the store (which keeps its refresh token) opens or is wiped. */
  readonly serverSession: ServerSession;
  readonly onStatus: (status: StoreStatus) => void;
  readonly onSyncState: (state: SyncState) => void;
  /** Server versions changed these appointments' notes in the store (sync-engine `onNotesChanged`). */
  readonly onNotesChanged?: (appointmentIds: string[]) => void;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
  /** Tests: cheaper scrypt, faster backoff, a fixed sync window. */
  readonly scryptParams?: { N: number; r: number; p: number };
  readonly syncBackoff?: BackoffPolicy;
  readonly syncWindow?: SyncWindow;
  readonly syncPollIntervalMs?: number;
  /** How often the sync engine probes the server between cycles (0: never). */
  readonly syncProbeIntervalMs?: number;
  /** The HTTP client of the sync engine (tests put network faults here). */
  readonly syncFetch?: typeof fetch;
}

export interface LocalData {
  status(): StoreStatus;
  /** Probes the keychain and opens (or, on a fresh installation with a keychain, sets up) the store. */
  start(): Promise<StoreStatus>;
  unlock(passphrase?: string): Promise<StoreStatus>;
  lock(): StoreStatus;
  setupPassphrase(passphrase: string): Promise<StoreStatus>;
  /** IT support: deletes database and key (keychain entry or wrapped key file). */
  wipe(): Promise<StoreStatus>;
  setPolicy(policy: RetentionPolicy): StoreStatus;
  /** The open store; throws `StoreLockedError`. Using it is no activity: reads happen without anyone present. */
  use(): LocalStore;
  /** The user is at the screen: the auto-lock counts its minutes from now. */
  recordActivity(): void;
  /** A committed local change: the sync engine delivers it soon. */
  changed(): void;
  readonly sync: SyncEngine;
  /** Files of the store (tests, IT-support diagnostics). */
  readonly paths: { readonly dir: string; readonly database: string; readonly manifest: string; readonly keyFile: string };
  close(): Promise<void>;
}

const problemOf = (error: unknown): StoreProblem | null => {
  const code = StoreErrorCode.safeParse((error as { code?: unknown } | null)?.code);
  return code.success && error instanceof Error ? { code: code.data, message: error.message } : null;
};

const PURGE_INTERVAL_MS = 24 * 60 * 60_000;

export function createLocalData(options: LocalDataOptions): LocalData {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const dir = join(options.dataDir, 'local-store');
  const paths = {
    dir,
    database: join(dir, 'beratungsraum.db'),
    manifest: join(dir, 'manifest.json'),
    keyFile: join(dir, 'database-key.json'),
  };
  const keys: DatabaseKeys = createDatabaseKeys({
    secretStore: options.secretStore,
    account: databaseKeyAccount(options.dataDir),
    keyFile: paths.keyFile,
    now,
    ...(options.scryptParams ? { scryptParams: options.scryptParams } : {}),
  });

  let policy = options.policy ?? DEFAULT_RETENTION_POLICY;
  let store: LocalStore | null = null;
  let manifest: StoreManifest | null = null;
  let keychain: StoreStatus['keychain'] = 'unavailable';
  let state: StoreStatus['state'] = 'opening';
  let problem: StoreProblem | null = null;
  let failedUnlocks = 0;
  let lastActivity = now().getTime();
  let autoLockTimer: NodeJS.Timeout | null = null;
  let purgeTimer: NodeJS.Timeout | null = null;
  // Set-up, unlock and wipe run one at a time: two clicks must not open two connections or race a wipe.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const status = (): StoreStatus => ({
    state,
    storageMode: manifest?.storageMode ?? null,
    keychain,
    problem,
    autoLockMinutes: policy.autoLockMinutes,
    retentionDays: policy.retentionDays,
    schemaVersion: store?.schemaVersion ?? null,
  });

  const sync = createSyncEngine({
    store: () => store,
    session: options.serverSession,
    onState: options.onSyncState,
    ...(options.onNotesChanged ? { onNotesChanged: options.onNotesChanged } : {}),
    now,
    log,
    ...(options.syncBackoff ? { backoff: options.syncBackoff } : {}),
    ...(options.syncWindow ? { window: options.syncWindow } : {}),
    ...(options.syncPollIntervalMs ? { pollIntervalMs: options.syncPollIntervalMs } : {}),
    ...(options.syncFetch ? { fetch: options.syncFetch } : {}),
    ...(options.syncProbeIntervalMs !== undefined ? { probeIntervalMs: options.syncProbeIntervalMs } : {}),
  });
  const offSession = options.serverSession.onChange(() => sync.sessionChanged());

  function publish(next: { state: StoreStatus['state']; problem?: StoreProblem | null }): StoreStatus {
    state = next.state;
    problem = next.problem ?? null;
    const current = status();
    options.onStatus(current);
    sync.refresh();
    return current;
  }

  async function readManifest(): Promise<StoreManifest | null> {
    let text: string;
    try {
      text = await readFile(paths.manifest, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const parsed = StoreManifest.safeParse(JSON.parse(text));
    if (!parsed.success) throw new CorruptDatabaseError(`${paths.manifest} ist ungültig`);
    return parsed.data;
  }

  async function writeManifest(next: StoreManifest): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(`${paths.manifest}.tmp`, JSON.stringify(StoreManifest.parse(next), null, 2), { mode: 0o600 });
    await rename(`${paths.manifest}.tmp`, paths.manifest);
    manifest = next;
  }

  function armAutoLock(): void {
    if (autoLockTimer) clearTimeout(autoLockTimer);
    autoLockTimer = null;
    if (!store) return;
    const idleLimit = policy.autoLockMinutes * 60_000;
    const remaining = lastActivity + idleLimit - now().getTime();
    if (remaining <= 0) {
      closeStore('auto_lock');
      publish({ state: 'locked' });
      return;
    }
    autoLockTimer = setTimeout(armAutoLock, remaining);
    autoLockTimer.unref();
  }

  function runPurge(): void {
    if (!store) return;
    const result = store.purge(now(), policy.retentionDays);
    if (result.notes + result.appointments + result.deviceCheckReports > 0) store.audit('purge', now(), { ...result });
  }

  function closeStore(event: 'lock' | 'auto_lock'): void {
    if (!store) return;
    try {
      store.audit(event, now());
      store.checkpoint();
    } catch (error) {
      // Locking must always succeed (e.g. on a full disk): the key leaves memory even if the entry cannot be written.
      log(`Sperren: Protokolleintrag nicht geschrieben (${error instanceof Error ? error.name : 'Fehler'}).`);
    } finally {
      store.close();
      store = null;
      if (autoLockTimer) clearTimeout(autoLockTimer);
      if (purgeTimer) clearInterval(purgeTimer);
      autoLockTimer = purgeTimer = null;
    }
  }

  /** Opens the database with `key`, then drops our copy of it. */
  function openWith(key: Buffer, mode: StorageMode): StoreStatus {
    const created = !existsSync(paths.database);
    let opened: LocalStore;
    try {
      opened = LocalStore.open(paths.database, key, { create: created, expectedKeyCheck: manifest?.keyCheck ?? null });
    } finally {
      key.fill(0);
    }
    try {
      if (created) {
        opened.audit('created', now(), { mode });
        if (manifest?.lastWipeAt) opened.audit('wipe', new Date(manifest.lastWipeAt));
      }
      opened.audit('unlock', now(), { mode, failedAttempts: failedUnlocks });
      store = opened;
      runPurge();
    } catch (error) {
      // Never report a failure while leaving the connection open: close it, then name the problem.
      opened.close();
      store = null;
      throw error;
    }
    failedUnlocks = 0;
    lastActivity = now().getTime();
    purgeTimer = setInterval(() => {
      try {
        runPurge();
      } catch (error) {
        log(`Aufbewahrungsfrist konnte nicht angewendet werden: ${error instanceof Error ? error.message : String(error)}`);
      }
    }, PURGE_INTERVAL_MS);
    purgeTimer.unref();
    armAutoLock();
    const result = publish({ state: 'unlocked' });
    options.serverSession.vaultOpened();
    sync.notifyLocalChange();
    return result;
  }

  async function setUpKeychain(): Promise<StoreStatus> {
    const key = await keys.createInKeychain();
    // Manifest first: if we crash before the database exists, the next start creates it with this key.
    await writeManifest({ format: 'beratungsraum-local-store/1', storageMode: 'keychain', keyCheck: keyCheckOf(key), lastWipeAt: manifest?.lastWipeAt ?? null });
    return openWith(key, 'keychain');
  }

  /** Turns a named failure into the published state; anything unnamed propagates as it is. */
  function fail(error: unknown, stateOnFailure: StoreStatus['state']): never {
    const named = problemOf(error);
    if (named) publish({ state: stateOnFailure, problem: named });
    throw error;
  }

  async function unlockNow(passphrase?: string): Promise<StoreStatus> {
    if (store) return status();
    if (!manifest?.storageMode) throw new StoreLockedError();
    const mode = manifest.storageMode;
    try {
      if (mode === 'keychain') return openWith(await keys.loadFromKeychain(), mode);
      if (passphrase === undefined) throw new WrongPassphraseError();
      return openWith(await keys.loadWithPassphrase(passphrase), mode);
    } catch (error) {
      failedUnlocks += 1;
      // A wrong passphrase is the user's to retry; every other named failure needs IT support.
      return fail(error, error instanceof WrongPassphraseError ? 'locked' : 'failed');
    }
  }

  return {
    status,
    sync,
    paths,
    start: () =>
      exclusive(async () => {
        try {
          manifest = await readManifest();
        } catch (error) {
          return fail(error, 'failed');
        }
        keychain = (await keys.keychainAvailable()) ? 'available' : 'unavailable';
        if (!manifest?.storageMode) {
          if (existsSync(paths.database)) {
            // A database without its manifest: never guess a key or recreate the file.
            return fail(new CorruptDatabaseError(`${paths.manifest} fehlt`), 'failed');
          }
          if (keychain === 'available') {
            try {
              return await setUpKeychain();
            } catch (error) {
              return fail(error, 'failed');
            }
          }
          return publish({ state: 'needs_setup' });
        }
        if (manifest.storageMode === 'passphrase') return publish({ state: 'locked' });
        try {
          return await unlockNow();
        } catch (error) {
          if (problemOf(error)) return status();
          throw error;
        }
      }),
    unlock: (passphrase) => exclusive(() => unlockNow(passphrase)),
    lock() {
      closeStore('lock');
      return state === 'unlocked' ? publish({ state: 'locked' }) : status();
    },
    setupPassphrase: (passphrase) =>
      exclusive(async () => {
        if (manifest?.storageMode || existsSync(paths.database)) throw new AlreadySetUpError();
        await mkdir(dir, { recursive: true, mode: 0o700 });
        try {
          const key = await keys.createWithPassphrase(passphrase);
          await writeManifest({ format: 'beratungsraum-local-store/1', storageMode: 'passphrase', keyCheck: keyCheckOf(key), lastWipeAt: manifest?.lastWipeAt ?? null });
          return openWith(key, 'passphrase');
        } catch (error) {
          return fail(error, 'failed');
        }
      }),
    wipe: () =>
      exclusive(async () => {
        options.serverSession.forget();
        if (store) {
          store.close();
          store = null;
        }
        if (autoLockTimer) clearTimeout(autoLockTimer);
        if (purgeTimer) clearInterval(purgeTimer);
        autoLockTimer = purgeTimer = null;
        for (const suffix of ['', '-wal', '-shm']) await rm(`${paths.database}${suffix}`, { force: true });
        const removed = await keys.destroy();
        if (removed.keychainEntry === 'unreachable') log('Löschen: Schlüsselbund nicht erreichbar, Eintrag bleibt bestehen (ohne Datenbank wertlos).');
        await writeManifest({ format: 'beratungsraum-local-store/1', storageMode: null, keyCheck: null, lastWipeAt: now().toISOString() });
        failedUnlocks = 0;
        keychain = (await keys.keychainAvailable()) ? 'available' : 'unavailable';
        // A fresh, empty store right away where a keychain exists; its audit log starts with this wipe.
        if (keychain === 'available') {
          try {
            return await setUpKeychain();
          } catch (error) {
            return fail(error, 'failed');
          }
        }
        return publish({ state: 'needs_setup' });
      }),
    setPolicy(next) {
      policy = next;
      if (store) {
        armAutoLock();
        runPurge();
      }
      return publish({ state, problem });
    },
    use() {
      if (!store) throw new StoreLockedError();
      return store;
    },
    recordActivity() {
      lastActivity = now().getTime();
    },
    changed() {
      sync.notifyLocalChange();
    },
    async close() {
      offSession();
      sync.stop();
      await queue;
      if (store) {
        store.checkpoint();
        store.close();
        store = null;
      }
      if (autoLockTimer) clearTimeout(autoLockTimer);
      if (purgeTimer) clearInterval(purgeTimer);
    },
  };
}
