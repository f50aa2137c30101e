/**
 * Keychain mode against a real gnome-keyring on a private D-Bus session (tests/support/keyring.ts): no mock
 * of the keychain. First start sets up by itself; a missing or foreign key is named and leaves the file alone;
 * the IT-support wipe removes the keychain entry together with the database.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabaseKeys, databaseKeyAccount } from '../../../src-main/services/secrets/database-key.js';
import { createOsKeychain } from '../../../src-main/services/secrets/os-keychain.js';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store.js';
import { createLocalData, type LocalData } from '../../../src-main/services/store/local-data.js';
import { createServerSession } from '../../../src-main/services/server-session/server-session.js';
import { startPrivateKeyring, type PrivateKeyring } from '../../support/keyring.js';
import { appointment, noteContent } from './fixtures.js';

/** These tests never sign in: a server session whose vault stays closed. */
const signedOut = () => createServerSession({ vault: { read: () => undefined, write: () => false } });

const SERVICE = 'beratungsraum-keychain-test';
let keyring: PrivateKeyring;
let keychain: SecretStore;
let dir: string;
let data: LocalData;

beforeAll(async () => {
  keyring = await startPrivateKeyring();
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', keyring.busAddress);
  keychain = createOsKeychain({ service: SERVICE, timeoutMs: 5_000 });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await keyring?.stop();
});

const open = (): LocalData =>
  createLocalData({ dataDir: dir, secretStore: keychain, serverSession: signedOut(), onStatus: () => {}, onSyncState: () => {} });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'br-keychain-'));
  data = open();
});
afterEach(async () => {
  await data.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** What gnome-keyring itself lists for our service, asked through libsecret's CLI rather than our binding. */
function itemsInGnomeKeyring(): string {
  const result = spawnSync('secret-tool', ['search', '--all', 'service', SERVICE], { env: keyring.env, encoding: 'utf8' });
  return result.stdout + result.stderr;
}

async function withNote(): Promise<string> {
  const a = appointment();
  data.use().applyAppointmentFeed([a], []);
  data.use().saveNote({ noteId: randomUUID(), appointmentId: a.id, content: noteContent('im Schlüsselbund geschützt') }, new Date());
  return a.id;
}

describe('keychain mode (real gnome-keyring)', () => {
  it('sets up on first start with a random key in the keychain and reopens with it after a restart', async () => {
    expect(await data.start()).toMatchObject({ state: 'unlocked', storageMode: 'keychain', keychain: 'available' });
    const appointmentId = await withNote();
    const account = databaseKeyAccount(dir);
    expect(itemsInGnomeKeyring()).toContain(account);
    expect((await keychain.get(account))?.length).toBe(32);
    expect(existsSync(data.paths.keyFile)).toBe(false);

    await data.close();
    data = open();
    expect((await data.start()).state).toBe('unlocked');
    expect(data.use().notesForAppointment(appointmentId)).toHaveLength(1);
  });

  it('unlocks after a lock through the keychain (the click is the confirmation)', async () => {
    await data.start();
    data.lock();
    expect(data.status().state).toBe('locked');
    expect((await data.unlock()).state).toBe('unlocked');
  });

  it('names a missing keychain entry and leaves the encrypted file untouched', async () => {
    await data.start();
    await withNote();
    await data.close();
    expect(await keychain.delete(databaseKeyAccount(dir))).toBe(true);
    const before = sha256(data.paths.database);
    data = open();
    expect(await data.start()).toMatchObject({ state: 'failed', problem: { code: 'KEYCHAIN_ENTRY_MISSING' } });
    expect(sha256(data.paths.database)).toBe(before);
  });

  it('names a foreign key in the keychain as the wrong key and leaves the file untouched', async () => {
    await data.start();
    await withNote();
    await data.close();
    await keychain.set(databaseKeyAccount(dir), randomBytes(32));
    const before = sha256(data.paths.database);
    data = open();
    expect(await data.start()).toMatchObject({ state: 'failed', problem: { code: 'WRONG_KEY' } });
    expect(sha256(data.paths.database)).toBe(before);
  });

  it('IT-support wipe deletes the database and its keychain entry; a fresh store gets a new key', async () => {
    await data.start();
    const appointmentId = await withNote();
    const account = databaseKeyAccount(dir);
    const oldKey = Buffer.from((await keychain.get(account))!);

    const status = await data.wipe();
    expect(status).toMatchObject({ state: 'unlocked', storageMode: 'keychain' });
    const newKey = Buffer.from((await keychain.get(account))!);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(() => data.use().appointment(appointmentId)).toThrow(/nicht vorhanden/);
    expect(data.use().auditEntries().map((entry) => entry.event)).toEqual(['unlock', 'wipe', 'created']);
  });

  it('the key service removes its keychain entry for good on wipe', async () => {
    const account = databaseKeyAccount(dir);
    const keys = createDatabaseKeys({ secretStore: keychain, account, keyFile: join(dir, 'unused-key-file.json') });
    await keys.createInKeychain();
    expect(itemsInGnomeKeyring()).toContain(account);
    expect(await keys.destroy()).toEqual({ keychainEntry: true, keyFile: false });
    expect(await keychain.get(account)).toBeNull();
    expect(itemsInGnomeKeyring()).not.toContain(account);
  });
});
