/**
 * The web shell's situation: the real back office (composition root and router) on a machine without any
 * keychain. It must start, report the store as waiting for a passphrase, answer data calls with LOCKED, and
 * carry the local-data methods and events of the contract end to end.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackOffice, type BackOffice } from '../../../src-main/back-office.js';
import type { EventName } from '../../../src-shared/ipc/contract.js';
import { WIPE_CONFIRMATION } from '../../../src-shared/ipc/features/local-data.js';
import { noteContent } from './fixtures.js';

const web = { transport: 'web', authenticated: true } as const;
let dir: string;
let office: BackOffice;
let events: { name: EventName; payload: unknown }[];

beforeEach(async () => {
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(tmpdir(), `no-such-bus-${randomUUID()}`)}`);
  dir = mkdtempSync(join(tmpdir(), 'br-back-office-'));
  events = [];
  office = await startBackOffice({ shell: 'web', dataDir: dir, log: () => {} });
  office.events.attach((name, payload) => events.push({ name, payload }));
});
afterEach(async () => {
  await office.close();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, payload: unknown = {}) => office.router.dispatch(method, payload, web);

async function status(): Promise<{ state: string }> {
  await vi.waitFor(async () => expect(await call('store.status')).not.toMatchObject({ value: { state: 'opening' } }));
  return ((await call('store.status')) as { value: { state: string } }).value;
}

describe('back office without a keychain', () => {
  it('starts, reports needs_setup, and refuses data calls with LOCKED until a passphrase is set', async () => {
    expect(await status()).toMatchObject({ state: 'needs_setup', keychain: 'unavailable', storageMode: null });
    expect(await call('appointments.range', { from: '2026-11-23', to: '2026-11-29' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', details: ['STORE_LOCKED'] },
    });
    expect(await call('sync.state')).toMatchObject({ ok: true, value: { connected: false, pendingCount: 0 } });
  });

  it('sets up with a passphrase, saves and lists nothing it does not have, locks and unlocks, wipes', async () => {
    await status();
    expect(await call('store.setupPassphrase', { passphrase: 'kurz' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await call('store.setupPassphrase', { passphrase: 'eine lange Passphrase für Tests' })).toMatchObject({
      ok: true,
      value: { state: 'unlocked', storageMode: 'passphrase' },
    });
    expect(events.some((event) => event.name === 'store.status' && (event.payload as { state: string }).state === 'unlocked')).toBe(true);
    expect(await call('appointments.range', { from: '2026-11-23', to: '2026-11-29' })).toEqual({ ok: true, value: { items: [] } });
    expect(await call('notes.save', { noteId: randomUUID(), appointmentId: randomUUID(), content: noteContent('x') })).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', details: ['APPOINTMENT_NOT_CACHED'] },
    });

    expect(await call('store.lock')).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await call('store.unlock', { passphrase: 'falsch falsch falsch' })).toMatchObject({ ok: false, error: { code: 'REFUSED', details: ['WRONG_PASSPHRASE'] } });
    expect(await call('store.unlock', { passphrase: 'eine lange Passphrase für Tests' })).toMatchObject({ ok: true, value: { state: 'unlocked' } });

    expect(await call('store.wipe', { confirmation: 'ja' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await call('store.wipe', { confirmation: WIPE_CONFIRMATION })).toMatchObject({ ok: true, value: { state: 'needs_setup' } });
  });
});
