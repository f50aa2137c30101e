/**
 * Without a keychain: the store does not start in plain text but asks for a passphrase; the key is wrapped
 * with scrypt; lock, auto-lock, unlock, wrong passphrase and the IT-support wipe. The keychain binding is the
 * real one, pointed at a session bus that does not exist (as on a machine without Secret Service).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WrongPassphraseError } from '../../../src-main/services/secrets/key-wrap.js';
import { createOsKeychain } from '../../../src-main/services/secrets/os-keychain.js';
import { StoreLockedError } from '../../../src-main/services/store/errors.js';
import { createLocalData, type LocalData } from '../../../src-main/services/store/local-data.js';
import { createServerSession } from '../../../src-main/services/server-session/server-session.js';
import type { StoreStatus } from '../../../src-shared/store/status.js';
import { appointment, noteContent } from './fixtures.js';

/** These tests never sign in: a server session whose vault stays closed. */
const signedOut = () => createServerSession({ vault: { read: () => undefined, write: () => false } });

const PASSPHRASE = 'Korrekt Pferd Batterie Heftklammer';
/** Production uses N=2^17; the tests only need the same code path. */
const CHEAP_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };

let dir: string;
let statuses: StoreStatus[];
let data: LocalData;

function open(): LocalData {
  return createLocalData({
    dataDir: dir,
    serverSession: signedOut(),
    secretStore: createOsKeychain({ service: 'beratungsraum-test', timeoutMs: 2_000 }),
    onStatus: (status) => statuses.push(status),
    onSyncState: () => {},
    scryptParams: CHEAP_SCRYPT,
    policy: { autoLockMinutes: 5, retentionDays: 90 },
  });
}

beforeEach(() => {
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(tmpdir(), `no-such-bus-${randomUUID()}`)}`);
  dir = mkdtempSync(join(tmpdir(), 'br-passphrase-'));
  statuses = [];
  data = open();
});
afterEach(async () => {
  await data.close();
  vi.useRealTimers();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

async function setUpWithNote(): Promise<{ appointmentId: string }> {
  await data.start();
  await data.setupPassphrase(PASSPHRASE);
  const a = appointment();
  data.use().applyAppointmentFeed([a], []);
  data.use().saveNote({ noteId: randomUUID(), appointmentId: a.id, content: noteContent('Vertraulich') }, new Date());
  return { appointmentId: a.id };
}

describe('passphrase mode', () => {
  it('asks for a passphrase instead of storing anything in plain text when no keychain answers', async () => {
    const status = await data.start();
    expect(status).toMatchObject({ state: 'needs_setup', keychain: 'unavailable', storageMode: null });
    expect(() => data.use()).toThrow(StoreLockedError);
    expect(existsSync(data.paths.database)).toBe(false);
  });

  it('wraps the key with scrypt: the key file holds no key, and the store opens only with the passphrase', async () => {
    const { appointmentId } = await setUpWithNote();
    expect(data.status()).toMatchObject({ state: 'unlocked', storageMode: 'passphrase', schemaVersion: 1 });
    const keyFile = JSON.parse(readFileSync(data.paths.keyFile, 'utf8')) as { kdf: { name: string }; wrappedKey: string };
    expect(keyFile.kdf.name).toBe('scrypt');
    expect(Buffer.from(keyFile.wrappedKey, 'base64')).toHaveLength(32);

    data.lock();
    expect(data.status().state).toBe('locked');
    expect(() => data.use()).toThrow(StoreLockedError);
    await expect(data.unlock('falsche Passphrase 123')).rejects.toThrow(WrongPassphraseError);
    expect(data.status()).toMatchObject({ state: 'locked', problem: { code: 'WRONG_PASSPHRASE' } });
    await expect(data.unlock()).rejects.toThrow(WrongPassphraseError);

    await data.unlock(PASSPHRASE);
    expect(data.use().notesForAppointment(appointmentId)[0]!.content.freeText).toBe('Vertraulich');
    const events = data.use().auditEntries().map((entry) => [entry.event, entry.detail]);
    expect(events).toContainEqual(['unlock', { mode: 'passphrase', failedAttempts: 2 }]);
    expect(events).toContainEqual(['lock', {}]);
    expect(events).toContainEqual(['created', { mode: 'passphrase' }]);
  });

  it('after a restart the store waits locked for the passphrase', async () => {
    await setUpWithNote();
    await data.close();
    data = open();
    expect(await data.start()).toMatchObject({ state: 'locked', storageMode: 'passphrase' });
    expect((await data.unlock(PASSPHRASE)).state).toBe('unlocked');
  });

  it('refuses a second set-up over an existing store', async () => {
    await setUpWithNote();
    await expect(data.setupPassphrase('eine ganz andere Passphrase')).rejects.toMatchObject({ code: 'ALREADY_SET_UP' });
  });

  it('locks itself after the configured inactivity and drops the connection', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await setUpWithNote();
    vi.advanceTimersByTime(4 * 60_000);
    data.recordActivity(); // the user at the screen resets the clock
    vi.advanceTimersByTime(4 * 60_000);
    data.use(); // reading (the calendar after a sync) does not
    data.use().noteStates('2026-11-01', '2026-11-30');
    expect(data.status().state).toBe('unlocked');
    vi.advanceTimersByTime(61_000);
    expect(data.status().state).toBe('locked');
    expect(statuses.at(-1)?.state).toBe('locked');
    await data.unlock(PASSPHRASE);
    expect(data.use().auditEntries().map((entry) => entry.event)).toContain('auto_lock');
  });

  it('IT-support wipe deletes database, WAL and wrapped key; the next store logs the wipe', async () => {
    await setUpWithNote();
    expect(existsSync(`${data.paths.database}-wal`)).toBe(true);
    const status = await data.wipe();
    expect(status).toMatchObject({ state: 'needs_setup', storageMode: null });
    expect(readdirSync(data.paths.dir).sort()).toEqual(['manifest.json']);
    await data.setupPassphrase(PASSPHRASE);
    expect(data.use().auditEntries().map((entry) => entry.event)).toEqual(['unlock', 'wipe', 'created']);
  });
});
