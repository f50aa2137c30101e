/**
 * What the renderer may know about the local store and the sync engine. Nothing here carries customer data:
 * these values are shown in the status bar and in the IT-support view.
 */
import { z } from 'zod';
import { Fachdienst, IsoDateTime } from '../domain/appointment.js';

/**
 * Where the database key is kept, shown to the user like Element Desktop shows its `safeStorage` backend.
 * There is deliberately no plaintext mode: without a keychain the key is wrapped with a passphrase.
 */
export const StorageMode = z.enum(['keychain', 'passphrase']);
export type StorageMode = z.infer<typeof StorageMode>;

/** Every named failure of store and secrets; the renderer picks its text and action by this code. */
export const StoreErrorCode = z.enum([
  'WRONG_KEY',
  'WRONG_PASSPHRASE',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_ENTRY_MISSING',
  'DATABASE_CORRUPT',
  'DATABASE_TRUNCATED',
  'DISK_FULL',
  'DATABASE_FROM_THE_FUTURE',
  'MIGRATION_FAILED',
  'STORE_LOCKED',
  'ALREADY_SET_UP',
  'WEAK_PASSPHRASE',
  'APPOINTMENT_NOT_CACHED',
  'KEY_FILE_INVALID',
]);
export type StoreErrorCode = z.infer<typeof StoreErrorCode>;

export const StoreProblem = z.object({ code: StoreErrorCode, message: z.string() });
export type StoreProblem = z.infer<typeof StoreProblem>;

export const StoreState = z.enum([
  /** Starting: probing the keychain and opening (a locked keyring may be showing its unlock prompt). */
  'opening',
  /** No database yet and no keychain: the user must choose a passphrase (nothing is stored until then). */
  'needs_setup',
  /** The database exists; the key is not in memory (start in passphrase mode, auto-lock, manual lock). */
  'locked',
  'unlocked',
  /** Opening failed with a named problem (`problem`); the file is left untouched for IT support. */
  'failed',
]);
export type StoreState = z.infer<typeof StoreState>;

export const StoreStatus = z.object({
  state: StoreState,
  /** Null while nothing is set up. */
  storageMode: StorageMode.nullable(),
  /** Whether an OS keychain answered the last probe (Secret Service, Keychain, Credential Manager). */
  keychain: z.enum(['available', 'unavailable']),
  problem: StoreProblem.nullable(),
  /** Minutes without activity after which the key is dropped from memory (managed setting, see src-shared/policy). */
  autoLockMinutes: z.number().int().min(1).max(24 * 60),
  /** Synced notes and past appointments older than this many days are purged (managed setting). */
  retentionDays: z.number().int().min(1).max(3650),
  /** Schema version of the open database; null while locked. */
  schemaVersion: z.number().int().nonnegative().nullable(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

/**
 * Who is signed in, as the server says (`SessionUser` of the sync API): the role decides which views the app
 * offers (src-renderer/app/role-views.ts). No customer data.
 */
export const SignedInUser = z.object({
  displayName: z.string().min(1).max(200),
  role: z.enum(['counsellor', 'team_lead', 'it_support']),
  fachdienst: Fachdienst.nullable(),
  region: z.string().min(1).max(64),
});
export type SignedInUser = z.infer<typeof SignedInUser>;

export const SyncState = z.object({
  /** Signed in to the server (token in memory only). */
  connected: z.boolean(),
  serverUrl: z.string().nullable(),
  /** The signed-in user; null while signed out. */
  user: SignedInUser.nullable(),
  /** Operations waiting in the outbox (including ones the server rejected, see `rejectedCount`). */
  pendingCount: z.number().int().nonnegative(),
  rejectedCount: z.number().int().nonnegative(),
  running: z.boolean(),
  lastSuccessAt: IsoDateTime.nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: IsoDateTime }).nullable(),
  /** When the next attempt is due after a failure (exponential backoff with jitter). */
  nextAttemptAt: IsoDateTime.nullable(),
});
export type SyncState = z.infer<typeof SyncState>;
