/**
 * `npm run bench:sync` — how long a saved note takes to reach the server (its op acknowledged), with the real
 * sync engine against the real self-hosted server on loopback:
 *   duringPull  the note is saved while a pull (the appointment feed) is under way: it must go out in that same
 *               sync, not with the next poll a minute later (issue 12: within 2 s);
 *   idle        the note is saved while nothing runs (the engine's short pause that gathers autosaves, then push);
 *   rawOps      baseline: one bare POST /api/v1/ops of one note, the network and server floor.
 * Prints ONE JSON line with medians and p95 of each, and the ratio duringPull / rawOps.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerSession } from '../../src-main/services/server-session/server-session.js';
import { createLocalData, type LocalData } from '../../src-main/services/store/local-data.js';
import { storeSignInVault } from '../../src-main/services/store/sign-in-vault.js';
import { startServer } from '../../src-server/server.js';
import { noteContent } from '../unit/store/fixtures.js';
import { watchMachine } from './machine.js';

const machine = watchMachine();
const RUNS = 15;
const TARGET_MS = 2_000;

const serverDir = mkdtempSync(join(tmpdir(), 'br-bench-sync-server-'));
const clientDir = mkdtempSync(join(tmpdir(), 'br-bench-sync-client-'));
const server = await startServer({ port: 0, dataDir: serverDir, demoData: true, extensions: [], log: () => {} });
const account = server.demoAccounts.find((candidate) => candidate.username === 'av.berger')!;

/** The client's fetch: runs the hook on the next feed request, and settles the timer of each acknowledged note. */
let onFeedRequest: (() => void) | null = null;
const acks = new Map<string, () => void>();
const realFetch = globalThis.fetch;
const benchFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname.endsWith('/appointments') && onFeedRequest) {
    const hook = onFeedRequest;
    onFeedRequest = null;
    hook();
  }
  const response = await realFetch(input, init);
  if (url.pathname.endsWith('/ops') && typeof init?.body === 'string') {
    for (const [noteId, done] of acks) {
      if (!init.body.includes(noteId)) continue;
      acks.delete(noteId);
      done();
    }
  }
  return response;
};

// eslint-disable-next-line prefer-const -- the vault reads the store of the local data created next
let data: LocalData;
const session = createServerSession({ vault: storeSignInVault(() => (data.status().state === 'unlocked' ? data.use() : null)), fetch: benchFetch });
data = createLocalData({
  dataDir: clientDir,
  secretStore: null,
  serverSession: session,
  onStatus: () => {},
  onSyncState: () => {},
  scryptParams: { N: 2 ** 14, r: 8, p: 1 },
  syncPollIntervalMs: 3_600_000,
  syncProbeIntervalMs: 0,
  syncFetch: benchFetch,
});
await data.start();
await data.setupPassphrase('Messung der Synchronisation');
await session.signIn(server.url, account.username, account.password);
await data.sync.syncNow();

const today = new Date();
const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const appointments = data.use().appointmentsInRange(day(-14), day(28)).map((appointment) => appointment.id);
if (appointments.length < RUNS * 2) throw new Error(`Zu wenige Termine im Abgleich (${appointments.length}).`);

/** Saves a note as the notes handler does and resolves with the milliseconds until the server acknowledged it. */
function saveAndTime(appointmentId: string): Promise<number> {
  const noteId = randomUUID();
  const started = performance.now();
  const acked = new Promise<number>((resolve) => acks.set(noteId, () => resolve(performance.now() - started)));
  data.use().saveNote({ appointmentId, noteId, content: noteContent('Messung') }, new Date());
  data.changed();
  return acked;
}

const duringPull: number[] = [];
const idle: number[] = [];
const rawOps: number[] = [];
const { token } = session.credentials()!;
for (let run = 0; run < RUNS; run += 1) {
  // A pull starts (as the poll would); the note is saved while its feed request is on the way.
  const timed = new Promise<number>((resolve) => {
    onFeedRequest = () => void saveAndTime(appointments[run * 2]!).then(resolve);
  });
  const cycle = data.sync.syncNow();
  duringPull.push(await timed);
  await cycle;

  idle.push(await saveAndTime(appointments[run * 2 + 1]!));
  await data.sync.syncNow();

  const started = performance.now();
  const reply = await realFetch(`${server.url}/api/v1/ops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      ops: [
        {
          opId: randomUUID(),
          type: 'note.save',
          note: { noteId: randomUUID(), appointmentId: appointments[run]!, baseVersion: null, version: 1, conflictOf: null, healthData: false, authorId: 'u-av-berger', content: noteContent('Messung'), savedAt: new Date().toISOString() },
        },
      ],
    }),
  });
  await reply.arrayBuffer();
  rawOps.push(performance.now() - started);
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { medianMs: at(0.5), p95Ms: at(0.95) };
};
const result = {
  bench: 'sync',
  runs: RUNS,
  duringPull: stats(duringPull),
  idle: stats(idle),
  rawOps: stats(rawOps),
  ratioDuringPullToRawOps: Number((stats(duringPull).medianMs / Math.max(1, stats(rawOps).medianMs)).toFixed(1)),
  targetMs: TARGET_MS,
  withinTarget: stats(duringPull).p95Ms <= TARGET_MS,
  ...machine.report(),
};
console.log(JSON.stringify(result));

await data.close();
await server.close();
rmSync(serverDir, { recursive: true, force: true });
rmSync(clientDir, { recursive: true, force: true });
