/**
 * The sync engine against the real self-hosted server (src-server, `startServer`) over real HTTP on loopback,
 * with its seeded demo fortnight. Faults are made at the network edge: a fetch that fails (offline), a fetch
 * whose request reaches the server but whose answer is lost, and a server stopped mid-request and restarted on
 * the same port and data. In every case each note arrives exactly once; a conflict gives two versions.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServerSession, type ServerSession } from '../../../src-main/services/server-session/server-session.js';
import { createLocalData, type LocalData } from '../../../src-main/services/store/local-data.js';
import { storeSignInVault } from '../../../src-main/services/store/sign-in-vault.js';
import { startServer, type RunningServer } from '../../../src-server/server.js';
import type { NoteVersion } from '../../../src-shared/domain/note.js';
import type { SyncState } from '../../../src-shared/store/status.js';
import { TEST_DEMO_START } from '../../support/sync-server.js';
import { noteContent } from '../store/fixtures.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const USER = 'av.berger';
const PASSPHRASE = 'Synchronisation ohne Verlust';

let serverDir: string;
let server: RunningServer;
let port: number;
const clients: { data: LocalData; dir: string; states: SyncState[] }[] = [];
/** Each laptop's server session, by its local data. */
const sessions = new Map<LocalData, ServerSession>();

async function start(): Promise<RunningServer> {
  server = await startServer({
    port,
    dataDir: serverDir,
    demoData: true,
    extensions: [],
    log: () => {},
    config: { demo: { startDate: TEST_DEMO_START } },
  });
  port = server.port;
  return server;
}

/** What the network does with each request: pass it, fail it, or deliver it and lose the answer. */
type Fault = (url: URL, forward: () => Promise<Response>) => Promise<Response>;
const pass: Fault = (_url, forward) => forward();

async function client(fault: { current: Fault } = { current: pass }, probeIntervalMs = 0): Promise<{ data: LocalData; states: SyncState[]; notesChanged: string[][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'br-sync-client-'));
  const states: SyncState[] = [];
  const notesChanged: string[][] = [];
  const realFetch = globalThis.fetch;
  const syncFetch: typeof fetch = (input, init) => fault.current(new URL(input instanceof Request ? input.url : String(input)), () => realFetch(input, init));
  // eslint-disable-next-line prefer-const -- the vault reads the store of the local data created next
  let data: LocalData;
  const session = createServerSession({ vault: storeSignInVault(() => (data.status().state === 'unlocked' ? data.use() : null)), fetch: syncFetch });
  data = createLocalData({
    dataDir: dir,
    serverSession: session,
    secretStore: null,
    onStatus: () => {},
    onSyncState: (state) => states.push(state),
    onNotesChanged: (appointmentIds) => notesChanged.push(appointmentIds),
    now: () => NOW,
    scryptParams: { N: 2 ** 14, r: 8, p: 1 },
    syncBackoff: { baseMs: 10, maxMs: 50 },
    syncPollIntervalMs: 3_600_000,
    syncWindow: { pastDays: 14, futureDays: 14 },
    syncFetch,
    syncProbeIntervalMs: probeIntervalMs,
  });
  sessions.set(data, session);
  clients.push({ data, dir, states });
  await data.start();
  await data.setupPassphrase(PASSPHRASE);
  return { data, states, notesChanged };
}

beforeEach(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'br-sync-server-'));
  port = 0;
  await start();
});
afterEach(async () => {
  for (const { data, dir } of clients.splice(0)) {
    await data.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

const password = (): string => server.demoAccounts.find((account) => account.username === USER)!.password;

/** Signs the laptop in, as the sign-in form does, and waits for the first sync to finish. */
async function signIn(data: LocalData): Promise<SyncState> {
  await sessions.get(data)!.signIn(server.url, USER, password());
  return data.sync.syncNow();
}

/** A session of the same counsellor elsewhere (another laptop, the browser), straight against the server. */
async function otherSession(): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: password() }),
  });
  return ((await login.json()) as { token: string }).token;
}

/** Saves a note version as another session does, and returns the version number the server gave it. */
async function saveElsewhere(note: Omit<NoteVersion, 'version' | 'conflictOf' | 'healthData' | 'authorId'>): Promise<number> {
  const reply = await fetch(`${server.url}/api/v1/ops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await otherSession()}` },
    body: JSON.stringify({
      ops: [{ opId: randomUUID(), type: 'note.save', note: { ...note, version: (note.baseVersion ?? 0) + 1, conflictOf: null, healthData: false, authorId: 'egal' } }],
    }),
  });
  const { results } = (await reply.json()) as { results: { outcome: string; serverVersion: number }[] };
  expect(results[0]?.outcome).toBe('applied');
  return results[0]!.serverVersion;
}

async function serverNotes(appointmentId: string): Promise<NoteVersion[]> {
  const token = await otherSession();
  const reply = await fetch(`${server.url}/api/v1/notes?appointmentId=${appointmentId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { versions: NoteVersion[] }).versions;
}

/** Appointments of the demo fortnight without notes yet, from the client's local cache. */
function freshAppointments(data: LocalData, count: number): string[] {
  const ids = data
    .use()
    .appointmentsInRange('2026-11-16', '2026-11-27')
    .map((appointment) => appointment.id)
    .filter((id) => data.use().notesForAppointment(id).length === 0);
  expect(ids.length).toBeGreaterThanOrEqual(count);
  return ids.slice(0, count);
}

const offline: Fault = () => Promise.reject(new TypeError('fetch failed', { cause: new Error('ENETUNREACH') }));

describe('sync engine against the real server', () => {
  it('pulls the window by cursor, keeps offline edits in the outbox, and delivers each note once on reconnect', async () => {
    const fault = { current: pass };
    const { data, states } = await client(fault);
    await signIn(data);
    expect(data.sync.state()).toMatchObject({ connected: true, pendingCount: 0, lastError: null });
    const targets = freshAppointments(data, 3);

    fault.current = offline;
    const notes = targets.map((appointmentId) => ({ appointmentId, noteId: randomUUID() }));
    for (const note of notes) {
      for (let draft = 1; draft <= 3; draft++) data.use().saveNote({ ...note, content: noteContent(`Entwurf ${draft}`) }, NOW);
    }
    data.use().setAppointmentStatus(targets[0]!, 'held', NOW);
    const failed = await data.sync.syncNow();
    expect(failed).toMatchObject({ pendingCount: 4, lastError: { code: 'SERVER_UNREACHABLE' } });
    expect(failed.nextAttemptAt).not.toBeNull();

    fault.current = pass;
    const recovered = await data.sync.syncNow();
    expect(recovered).toMatchObject({ pendingCount: 0, lastError: null, lastSuccessAt: NOW.toISOString() });
    for (const note of notes) {
      const versions = await serverNotes(note.appointmentId);
      expect(versions.filter((version) => version.noteId === note.noteId).map((version) => version.content.freeText)).toEqual(['Entwurf 3']);
      expect(data.use().notesForAppointment(note.appointmentId)).toMatchObject([{ version: 1, syncState: 'synced' }]);
    }
    // The live state went through pending > 0 and back to 0.
    expect(states.some((state) => state.pendingCount === 4)).toBe(true);
    expect(states.at(-1)?.pendingCount).toBe(0);

    // The next pull continues from the cursor (same window) and sees the server's copy of the status change.
    const feedQueries: URLSearchParams[] = [];
    fault.current = (url, forward) => {
      if (url.pathname.endsWith('/appointments')) feedQueries.push(url.searchParams);
      return forward();
    };
    await data.sync.syncNow();
    expect(feedQueries).toHaveLength(1);
    expect(feedQueries[0]!.get('since')).toBeTruthy();
    expect([feedQueries[0]!.get('from'), feedQueries[0]!.get('to')]).toEqual(['2026-11-09', '2026-12-07']);
    expect(data.use().appointment(targets[0]!).status).toBe('held');
  });

  it('a delivered batch whose answer was lost is sent again and the server keeps each note once', async () => {
    const fault = { current: pass };
    const { data } = await client(fault);
    await signIn(data);
    const [appointmentId] = freshAppointments(data, 1);
    const noteId = randomUUID();
    data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('genau einmal') }, NOW);

    let lost = 0;
    fault.current = async (url, forward) => {
      if (!url.pathname.endsWith('/ops') || lost > 0) return forward();
      lost++;
      await forward(); // the server applies the ops …
      throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') }); // … but the answer never arrives
    };
    expect((await data.sync.syncNow()).lastError?.code).toBe('SERVER_UNREACHABLE');
    const state = await data.sync.syncNow();
    expect(state).toMatchObject({ pendingCount: 0, lastError: null });
    expect(lost).toBe(1);
    expect((await serverNotes(appointmentId!)).filter((version) => version.noteId === noteId)).toHaveLength(1);
    expect(data.use().notesForAppointment(appointmentId!)).toMatchObject([{ noteId, version: 1, syncState: 'synced' }]);
  });

  it('survives a server restart in the middle of a sync: retried with backoff, each note once', async () => {
    const fault = { current: pass };
    const { data } = await client(fault);
    await signIn(data);
    const targets = freshAppointments(data, 2);
    const notes = targets.map((appointmentId) => ({ appointmentId, noteId: randomUUID() }));
    for (const note of notes) data.use().saveNote({ ...note, content: noteContent('vor dem Neustart') }, NOW);

    let stopped = false;
    fault.current = async (url, forward) => {
      if (!url.pathname.endsWith('/ops') || stopped) return forward();
      stopped = true;
      const answer = forward();
      // The server goes down while the request is in flight (after it was read and applied, or before).
      await new Promise((resolve) => setTimeout(resolve, 5));
      await server.close();
      await answer.catch(() => undefined);
      throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    };
    expect((await data.sync.syncNow()).lastError).not.toBeNull();
    // Down: the retry fails too and the outbox keeps everything.
    expect(await data.sync.syncNow()).toMatchObject({ pendingCount: 2, lastError: { code: 'SERVER_UNREACHABLE' } });

    await start();
    // The engine's own backoff retries get through (the first may still meet a pooled socket of the old process).
    await vi.waitFor(() => expect(data.sync.state()).toMatchObject({ connected: true, pendingCount: 0, lastError: null }), { timeout: 15_000, interval: 50 });
    for (const note of notes) {
      expect((await serverNotes(note.appointmentId)).filter((version) => version.noteId === note.noteId)).toHaveLength(1);
    }
  });

  it('keeps a conflicting edit from a second laptop as a second version, never overwriting', async () => {
    const laptopA = await client();
    const laptopB = await client();
    await signIn(laptopA.data);
    await signIn(laptopB.data);
    const [appointmentId] = freshAppointments(laptopA.data, 1);
    const noteId = randomUUID();
    laptopA.data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('Basis') }, NOW);
    await laptopA.data.sync.syncNow();
    await laptopB.data.sync.refreshNotes(appointmentId!);
    expect(laptopB.data.use().notesForAppointment(appointmentId!)).toMatchObject([{ version: 1, content: { freeText: 'Basis' } }]);

    // Both edit version 1; A delivers first.
    laptopA.data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('Änderung A') }, NOW);
    laptopB.data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('Änderung B') }, new Date(NOW.getTime() + 1000));
    await laptopA.data.sync.syncNow();
    expect(await laptopB.data.sync.syncNow()).toMatchObject({ pendingCount: 0, lastError: null });

    const onServer = (await serverNotes(appointmentId!)).filter((version) => version.noteId === noteId);
    expect(onServer.map((version) => [version.version, version.content.freeText, version.conflictOf])).toEqual([
      [1, 'Basis', null],
      [2, 'Änderung A', null],
      [3, 'Änderung B', 2],
    ]);
    const onB = laptopB.data.use().notesForAppointment(appointmentId!);
    expect(onB.map((version) => [version.version, version.content.freeText, version.conflictOf, version.syncState])).toEqual([
      [1, 'Basis', null, 'synced'],
      [2, 'Änderung A', null, 'synced'],
      [3, 'Änderung B', 2, 'synced'],
    ]);
    expect(laptopB.data.use().noteStates('2026-11-16', '2026-11-27').find((item) => item.appointmentId === appointmentId)).toMatchObject({
      hasConflict: true,
      versionCount: 3,
    });
  });

  it('brings the server’s notes to a fresh laptop, and a note written elsewhere with the next sync, as one event', async () => {
    const { data, notesChanged } = await client();
    await signIn(data);
    // The first sync's snapshot holds every note of the window: none of the held Beratungen looks overdue.
    const held = data.use().appointmentsInRange('2026-11-09', '2026-12-07').filter((item) => item.status === 'held');
    const withServerNotes: string[] = [];
    for (const item of held) {
      const onServer = await serverNotes(item.id);
      if (onServer.length > 0) withServerNotes.push(item.id);
      expect(data.use().notesForAppointment(item.id)).toEqual(onServer.map((version) => ({ ...version, syncState: 'synced' })));
    }
    expect(withServerNotes.length).toBeGreaterThan(3);
    expect(notesChanged).toHaveLength(1);
    expect(new Set(notesChanged[0])).toEqual(new Set(withServerNotes));

    // The laptop's own note comes back with the feed of the same sync; it holds that version already, so
    // nothing is rewritten and no event follows.
    const [own, appointmentId] = freshAppointments(data, 2);
    data.use().saveNote({ appointmentId: own!, noteId: randomUUID(), content: noteContent('auf diesem Laptop') }, NOW);
    expect(await data.sync.syncNow()).toMatchObject({ lastError: null, pendingCount: 0 });
    expect(data.use().notesForAppointment(own!)).toMatchObject([{ version: 1, syncState: 'synced' }]);
    expect(notesChanged).toHaveLength(1);

    const noteId = randomUUID();
    const savedAt = new Date(NOW.getTime() - 60_000).toISOString();
    await saveElsewhere({ noteId, appointmentId: appointmentId!, baseVersion: null, content: noteContent('im Büro geschrieben'), savedAt });
    expect(await data.sync.syncNow()).toMatchObject({ lastError: null });
    expect(data.use().notesForAppointment(appointmentId!)).toMatchObject([
      { noteId, version: 1, syncState: 'synced', savedAt, content: { freeText: 'im Büro geschrieben' } },
    ]);
    expect(notesChanged.slice(1)).toEqual([[appointmentId]]);
  });

  it('keeps a pending local edit when the feed brings another version of the same note', async () => {
    const fault = { current: pass };
    const { data } = await client(fault);
    await signIn(data);
    const [appointmentId] = freshAppointments(data, 1);
    const noteId = randomUUID();
    await saveElsewhere({ noteId, appointmentId: appointmentId!, baseVersion: null, content: noteContent('Basis'), savedAt: '2026-11-23T08:00:00.000Z' });
    await data.sync.syncNow();
    expect(data.use().notesForAppointment(appointmentId!)).toMatchObject([{ version: 1, syncState: 'synced' }]);

    // Elsewhere version 1 becomes 2; here the counsellor autosaves an edit of version 1 while the feed is loading.
    await saveElsewhere({ noteId, appointmentId: appointmentId!, baseVersion: 1, content: noteContent('anderswo'), savedAt: '2026-11-23T08:30:00.000Z' });
    fault.current = (url, forward) => {
      if (url.pathname.endsWith('/appointments')) {
        fault.current = pass;
        data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('hier, noch nicht gesendet') }, NOW);
      }
      return forward();
    };
    expect(await data.sync.syncNow()).toMatchObject({ lastError: null, pendingCount: 1 });
    expect(data.use().notesForAppointment(appointmentId!).map((version) => [version.version, version.content.freeText, version.syncState])).toEqual([
      [1, 'Basis', 'synced'],
      [2, 'anderswo', 'synced'],
      [3, 'hier, noch nicht gesendet', 'pending'],
    ]);

    // Delivered next time: the server keeps it as a conflicting third version, nothing is lost.
    expect(await data.sync.syncNow()).toMatchObject({ lastError: null, pendingCount: 0 });
    expect((await serverNotes(appointmentId!)).map((version) => [version.version, version.content.freeText, version.conflictOf])).toEqual([
      [1, 'Basis', null],
      [2, 'anderswo', null],
      [3, 'hier, noch nicht gesendet', 2],
    ]);
  });

  it('sends a note saved while a pull is running in that same sync, not with the next poll', async () => {
    const fault = { current: pass };
    const { data } = await client(fault);
    await signIn(data);
    const [appointmentId] = freshAppointments(data, 1);
    const noteId = randomUUID();
    // The counsellor autosaves while the feed is loading; the store announces it as the notes handler does.
    fault.current = (url, forward) => {
      if (url.pathname.endsWith('/appointments')) {
        fault.current = pass;
        data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('während des Abgleichs') }, NOW);
        data.changed();
      }
      return forward();
    };
    expect(await data.sync.syncNow()).toMatchObject({ lastError: null, pendingCount: 0 });
    expect((await serverNotes(appointmentId!)).map((version) => [version.noteId, version.content.freeText])).toEqual([
      [noteId, 'während des Abgleichs'],
    ]);
  });

  it('a note saved during a pull the poll started reaches the server without any further call', async () => {
    const fault = { current: pass };
    const { data } = await client(fault);
    await signIn(data);
    const [appointmentId] = freshAppointments(data, 1);
    const noteId = randomUUID();
    fault.current = (url, forward) => {
      if (url.pathname.endsWith('/appointments')) {
        fault.current = pass;
        data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('beim Laden gespeichert') }, NOW);
        data.changed();
      }
      return forward();
    };
    // A local change starts the cycle as the poll would; nobody calls syncNow. The next poll is an hour away,
    // so only the cycle run "once more" brings the note to the server.
    data.use().saveNote({ appointmentId: appointmentId!, noteId: randomUUID(), content: noteContent('vorher') }, NOW);
    data.changed();
    await vi.waitFor(async () => expect((await serverNotes(appointmentId!)).map((version) => version.noteId)).toContain(noteId), { timeout: 20_000, interval: 200 });
  });

  it('renews a session token the server ended with the refresh token, without asking the user', async () => {
    const { data } = await client();
    await signIn(data);
    const [appointmentId] = freshAppointments(data, 1);
    const { token } = sessions.get(data)!.credentials()!;
    // The server ends the session token (its TTL, a restart of a server that keeps none, …).
    expect((await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    data.use().saveNote({ appointmentId: appointmentId!, noteId: randomUUID(), content: noteContent('geht durch') }, NOW);
    expect(await data.sync.syncNow()).toMatchObject({ connected: true, pendingCount: 0, lastError: null });
    expect(sessions.get(data)!.credentials()!.token).not.toBe(token);
  });

  it('a sign-in the server ended: expired, the outbox keeps everything, the next sign-in delivers it', async () => {
    const { data } = await client();
    await signIn(data);
    const [appointmentId] = freshAppointments(data, 1);
    const session = sessions.get(data)!;
    const { refreshToken } = JSON.parse(data.use().meta('session.signIn')!) as { refreshToken: string };
    // IT ends the whole sign-in (session token and refresh token).
    const ended = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.credentials()!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(ended.status).toBe(204);
    data.use().saveNote({ appointmentId: appointmentId!, noteId: randomUUID(), content: noteContent('bleibt') }, NOW);
    expect(await data.sync.syncNow()).toMatchObject({ connected: false, pendingCount: 1 });
    expect(session.state()).toMatchObject({ status: 'expired', message: expect.stringContaining('erneut an') });
    expect(await signIn(data)).toMatchObject({ connected: true, pendingCount: 0, lastError: null });
  });

  it('keeps the time of the last sync in the store, so a restart shows it', async () => {
    const first = await client();
    await signIn(first.data);
    const at = first.data.sync.state().lastSuccessAt;
    expect(at).not.toBeNull();
    const dir = clients.find((entry) => entry.data === first.data)!.dir;
    await first.data.close();
    const again = createLocalData({ dataDir: dir, secretStore: null, serverSession: createServerSession({ vault: { read: () => undefined, write: () => false } }), onStatus: () => {}, onSyncState: () => {}, scryptParams: { N: 2 ** 14, r: 8, p: 1 } });
    clients.push({ data: again, dir, states: [] });
    await again.start();
    await again.unlock(PASSPHRASE);
    expect(again.sync.state().lastSuccessAt).toBe(at);
  });

  it('shows the server unreachable soon after it goes away, and syncs as soon as it is back, without any call', async () => {
    const { data } = await client({ current: pass }, 250);
    await signIn(data);
    await server.close();
    await vi.waitFor(() => expect(data.sync.state().lastError).toMatchObject({ code: 'SERVER_UNREACHABLE' }), { timeout: 20_000, interval: 100 });
    const [appointmentId] = freshAppointments(data, 1);
    const noteId = randomUUID();
    data.use().saveNote({ appointmentId: appointmentId!, noteId, content: noteContent('nach dem Ausfall') }, NOW);
    data.changed();
    await start();
    await vi.waitFor(() => expect(data.sync.state()).toMatchObject({ lastError: null, pendingCount: 0 }), { timeout: 20_000, interval: 100 });
    expect((await serverNotes(appointmentId!)).map((version) => version.noteId)).toEqual([noteId]);
  });
});
