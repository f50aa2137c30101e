/**
 * A whole working session through the real back office against the real server (demo data): set up the store,
 * sign in, sync, read the calendar, write a note, make mistakes that end in error messages — then export the
 * support bundle. No customer name, customer number or note text of the session may be found in the log files
 * or in the bundle. Catches any service that starts logging customer data.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import { startBackOffice, type BackOffice } from '../../../src-main/back-office.js';
import { listLogFiles, logDirectory } from '../../../src-main/services/logging/log-service.js';
import { startServer, type RunningServer } from '../../../src-server/server.js';
import { noteContent } from '../store/fixtures.js';

const web = { transport: 'web', authenticated: true } as const;
let server: RunningServer;
let office: BackOffice;
let dir: string;

beforeAll(async () => {
  // No keychain: the store uses a passphrase, as in the web shell.
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(tmpdir(), `no-such-bus-${randomUUID()}`)}`);
  dir = await mkdtemp(join(tmpdir(), 'br-bo-logs-'));
  server = await startServer({ port: 0, dataDir: join(dir, 'server'), demoData: true, extensions: [], log: () => {} });
  office = await startBackOffice({ shell: 'web', dataDir: join(dir, 'client') });
});
afterAll(async () => {
  await office?.close();
  await server?.close();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const call = async <T,>(method: string, payload: unknown = {}): Promise<T> => {
  const result = await office.router.dispatch(method, payload, web);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
};

const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('logs and support bundle of a real session', () => {
  it('contain none of the customers, customer numbers or note text the session handled', async () => {
    await vi.waitFor(async () => expect(await call<{ state: string }>('store.status')).toMatchObject({ state: 'needs_setup' }));
    // The most talkative level, so whatever the services log is in the files.
    await call('settings.set', { logLevel: 'debug' });
    await call('store.setupPassphrase', { passphrase: 'eine lange Passphrase für Tests' });
    await call('sync.signIn', { serverUrl: server.url, username: 'av.berger', password: 'demo-av-berger' });
    await call('sync.now');
    const { items } = await call<{ items: Appointment[] }>('appointments.range', { from: isoDate(-14), to: isoDate(21) });
    expect(items.length).toBeGreaterThan(0);

    const first = items[0]!;
    const noteText = `${first.customer.displayName} schildert Rückenbeschwerden seit der Reha-Maßnahme und sucht eine Tätigkeit im Sitzen.`;
    await call('notes.save', { noteId: randomUUID(), appointmentId: first.id, content: noteContent(noteText) });
    // Mistakes whose error paths must not quote the data: a bad payload, a note for an unknown appointment.
    await office.router.dispatch('notes.save', { noteId: 'kaputt', appointmentId: first.id, content: noteContent(noteText) }, web);
    await office.router.dispatch('notes.save', { noteId: randomUUID(), appointmentId: randomUUID(), content: noteContent(noteText) }, web);
    await office.router.dispatch('sync.signIn', { serverUrl: server.url, username: first.customer.displayName, password: 'falsch' }, web);

    const bundle = await call<{ path: string }>('support.createBundle');
    const files = Object.entries(unzipSync(new Uint8Array(await readFile(bundle.path)))).map(([name, data]) => [name, strFromU8(data)] as const);
    const logFiles = await listLogFiles(logDirectory(join(dir, 'client')));
    const rawLogs = (await Promise.all(logFiles.map((file) => readFile(file, 'utf8')))).join('\n');
    expect(rawLogs).toContain('app.started');
    expect(files.map(([name]) => name)).toContain('manifest.json');

    const planted = [
      ...items.flatMap((item) => [item.customer.displayName, item.customer.customerNumber, ...item.customer.displayName.split(' ').filter((part) => part.length > 3)]),
      'Rückenbeschwerden',
      'Tätigkeit im Sitzen',
    ];
    const everything = `${rawLogs}\n${files.map(([, text]) => text).join('\n')}`.toLocaleLowerCase('de');
    expect(planted.filter((value) => everything.includes(value.toLocaleLowerCase('de')))).toEqual([]);
  });
});
