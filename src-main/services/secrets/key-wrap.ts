/**
 * Passphrase mode: the random database key is sealed with a key derived from the passphrase (scrypt from
 * node:crypto, AES-256-GCM). The passphrase KDF runs once per unlock, not per database page, and the database
 * itself is always keyed with the raw 32 random bytes, so changing the mode never re-encrypts the database.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import type { WrappedKeyFile } from '../../../src-shared/store/files.js';

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): ~0.3 s and 128 MiB per guess. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;

export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  readonly code = 'WRONG_PASSPHRASE' as const;
  constructor() {
    super('Die Passphrase ist falsch. Bitte prüfen Sie Groß- und Kleinschreibung und die Tastaturbelegung.');
  }
}

const deriveKek = (passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 };
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

export async function wrapKey(
  key: Uint8Array,
  passphrase: string,
  now: Date,
  params: { N: number; r: number; p: number } = SCRYPT_PARAMS,
): Promise<WrappedKeyFile> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await deriveKek(passphrase, salt, params);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  kek.fill(0);
  return {
    format: 'beratungsraum-wrapped-key/1',
    kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrapped.toString('base64'),
    createdAt: now.toISOString(),
  };
}

export async function unwrapKey(file: WrappedKeyFile, passphrase: string): Promise<Buffer> {
  const kek = await deriveKek(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  try {
    // GCM's tag check is what tells a wrong passphrase: there is no other verifier to attack offline.
    return Buffer.concat([decipher.update(Buffer.from(file.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  } finally {
    kek.fill(0);
  }
}
