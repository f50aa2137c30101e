/** Files the store keeps next to the encrypted database; read back through these schemas. */
import { z } from 'zod';
import { IsoDateTime } from '../domain/appointment.js';
import { StorageMode } from './status.js';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(4096);

/**
 * The database key wrapped with a passphrase (passphrase mode only): scrypt derives a key-encryption key,
 * AES-256-GCM seals the 32-byte database key. Holds nothing readable without the passphrase.
 */
export const WrappedKeyFile = z.object({
  format: z.literal('beratungsraum-wrapped-key/1'),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().min(2 ** 14).max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: Base64,
  }),
  cipher: z.literal('aes-256-gcm'),
  iv: Base64,
  tag: Base64,
  wrappedKey: Base64,
  createdAt: IsoDateTime,
});
export type WrappedKeyFile = z.infer<typeof WrappedKeyFile>;

/**
 * Plain facts about the local store (no customer data): which key storage was chosen, a key check value that tells a wrong key from a damaged file, and the last IT-support wipe (written into
 * the audit log of the next database, since the wiped one is gone).
 */
export const StoreManifest = z.object({
  format: z.literal('beratungsraum-local-store/1'),
  storageMode: StorageMode.nullable(),
  /** HMAC-SHA256(key, fixed label), hex; reveals nothing about the key. */
  keyCheck: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  lastWipeAt: IsoDateTime.nullable(),
});
export type StoreManifest = z.infer<typeof StoreManifest>;
