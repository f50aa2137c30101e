/**
 * The offline-first sync engine. Local changes already sit in the store's outbox; this engine delivers them
 * in order when the server is reachable, applies the server's outcome per operation (the server applies each
 * op id at most once, so resending after a lost answer is safe), pulls the appointment feed incrementally by
 * cursor for a window of days — with the notes of the appointments it carries, so a fresh laptop holds the
 * server's notes offline — and reports its state live. Failures are retried with exponential backoff and
 * jitter; nothing is dropped.
 */
import type { SignedInUser, SyncState } from '../../../src-shared/store/status.js';
import type { LocalStore } from '../store/local-store.js';
import { META_SIGNED_IN_USER } from '../store/local-store.js';
import { createSyncApi, SyncApiError, type SyncApi } from './api-client.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';

/** Outcomes the server marks as worth retrying (see src-server/api/ops.ts): the op stays in the outbox. */
const RETRYABLE_OP_ERRORS = new Set(['INTERNAL', 'OP_IN_PROGRESS']);
const BATCH_SIZE = 100;
const LOCAL_CHANGE_DELAY_MS = 500;
const META_FEED_CURSOR = 'sync.appointments.cursor';

export interface SyncWindow {
  /** Days before today that stay in the local calendar. */
  readonly pastDays: number;
  /** Days after today that are fetched. */
  readonly futureDays: number;
}

export interface SyncEngineOptions {
  /** The open store, or null while it is locked (then nothing is sent or pulled). */
  readonly store: () => LocalStore | null;
  readonly onState: (state: SyncState) => void;
  /**
   * Server versions of these appointments' notes changed the local store (the feed, another laptop's edit, a
   * conflict): one call per pull, never for versions the store already held.
   */
  readonly onNotesChanged?: (appointmentIds: string[]) => void;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** How often to pull when everything went well. */
  readonly pollIntervalMs?: number;
  readonly window?: SyncWindow;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
}

export interface SyncEngine {
  state(): SyncState;
  signIn(serverUrl: string, username: string, password: string): Promise<SyncState>;
  /** The signed-in server session, for the call's signalling (src-main/services/session); null when signed out. */
  serverSession(): { readonly serverUrl: string; readonly token: string; readonly displayName: string } | null;
  signOut(): SyncState;
  /** Runs a cycle now (also cancels a pending backoff wait) and resolves with the state after it. */
  syncNow(): Promise<SyncState>;
  /**
   * Fetches every server version of one appointment's notes (when the user opens it, and after a conflict),
   * so edits made on another laptop and the competing side of a conflict are shown. No-op while signed out.
   */
  refreshNotes(appointmentId: string): Promise<void>;
  /** A local change was committed: deliver it soon. */
  notifyLocalChange(): void;
  /** Recomputes the pending count (e.g. after unlock or lock) and emits the state. */
  refresh(): void;
  stop(): void;
}

interface Session {
  readonly api: SyncApi;
  readonly serverUrl: string;
  readonly token: string;
  readonly displayName: string;
  readonly user: SignedInUser;
}

const isoDay = (date: Date, offsetDays: number): string => new Date(date.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const now = options.now ?? (() => new Date());
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const pollMs = options.pollIntervalMs ?? 60_000;
  const window = options.window ?? { pastDays: 14, futureDays: 28 };
  const log = options.log ?? (() => {});

  let session: Session | null = null;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let state: SyncState = {
    connected: false,
    serverUrl: null,
    user: null,
    pendingCount: 0,
    rejectedCount: 0,
    running: false,
    lastSuccessAt: null,
    lastError: null,
    nextAttemptAt: null,
  };

  function emit(change: Partial<SyncState>): void {
    const store = options.store();
    const counts = store ? store.outboxCounts() : { pending: state.pendingCount - state.rejectedCount, rejected: state.rejectedCount };
    state = {
      ...state,
      ...change,
      connected: session !== null,
      serverUrl: session?.serverUrl ?? null,
      user: session?.user ?? null,
      pendingCount: counts.pending + counts.rejected,
      rejectedCount: counts.rejected,
    };
    options.onState(state);
  }

  function schedule(delayMs: number): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || !session) {
      emit({ nextAttemptAt: null });
      return;
    }
    timer = setTimeout(() => void runCycle(), delayMs);
    // A pending retry must not keep the process (tests, the web shell) alive on its own.
    timer.unref();
    emit({ nextAttemptAt: new Date(now().getTime() + delayMs).toISOString() });
  }

  async function push(current: Session, store: LocalStore): Promise<void> {
    for (;;) {
      const batch = store.takeOutboxBatch(BATCH_SIZE);
      if (batch.length === 0) return;
      const reply = await current.api.sendOps(current.token, batch);
      const byId = new Map(reply.results.map((result) => [result.opId, result]));
      const settled = batch.flatMap((op) => {
        const result = byId.get(op.opId);
        return result && !(result.outcome === 'rejected' && RETRYABLE_OP_ERRORS.has(result.error?.code ?? '')) ? [result] : [];
      });
      store.applyOpResults(settled);
      // After a conflict, fetch the appointment's versions so the competing edit is shown next to ours.
      const conflicted = new Set(
        batch.filter((op) => op.type === 'note.save' && byId.get(op.opId)?.outcome === 'conflict').map((op) => (op.type === 'note.save' ? op.note.appointmentId : '')),
      );
      for (const appointmentId of conflicted) await fetchNotes(current, store, appointmentId);
      emit({});
      if (settled.length < batch.length) {
        throw new SyncApiError('OPS_NOT_SETTLED', 'Der Server konnte einige Änderungen gerade nicht übernehmen; sie werden erneut gesendet.', null);
      }
    }
  }

  async function fetchNotes(current: Session, store: LocalStore, appointmentId: string): Promise<void> {
    const { versions } = await current.api.notes(current.token, appointmentId);
    notesChanged(store.applyNoteFeed(versions));
  }

  function notesChanged(appointmentIds: string[]): void {
    // Only real changes: the renderer answers the event by reading the notes again, which asks for a refresh.
    if (appointmentIds.length > 0) options.onNotesChanged?.(appointmentIds);
  }

  async function pull(current: Session, store: LocalStore): Promise<void> {
    const today = now();
    const from = isoDay(today, -window.pastDays);
    const to = isoDay(today, window.futureDays);
    const saved = store.meta(META_FEED_CURSOR);
    const previous = saved ? (JSON.parse(saved) as { from: string; to: string; cursor: string }) : null;
    // A cursor belongs to its window; a new day means a new window and a fresh snapshot.
    const since = previous && previous.from === from && previous.to === to ? previous.cursor : undefined;
    const feed = await current.api.appointments(current.token, { since, from, to });
    const changed = store.applyAppointmentFeed(feed.items, feed.removed, feed.reset === true || since === undefined ? { from, to } : undefined, feed.notes);
    store.setMeta(META_FEED_CURSOR, JSON.stringify({ from, to, cursor: feed.cursor }));
    notesChanged(changed);
  }

  async function cycle(): Promise<void> {
    const current = session;
    const store = options.store();
    if (!current || !store) return;
    emit({ running: true });
    try {
      await push(current, store);
      await pull(current, store);
      failures = 0;
      emit({ running: false, lastSuccessAt: now().toISOString(), lastError: null });
      schedule(pollMs);
    } catch (error) {
      if (options.store() !== store) {
        // Locked or wiped mid-cycle: the connection closed under us. Nothing failed; the next unlock resumes.
        emit({ running: false });
        return;
      }
      const apiError =
        error instanceof SyncApiError ? error : new SyncApiError('SYNC_FAILED', error instanceof Error ? error.message : String(error), null);
      log(`Synchronisation fehlgeschlagen: ${apiError.code}`);
      if (apiError.status === 401) {
        // The token expired or was revoked: stop until the user signs in again; the outbox keeps everything.
        session = null;
        emit({ running: false, lastError: { code: apiError.code, message: 'Die Anmeldung am Server ist abgelaufen. Bitte melden Sie sich erneut an; Ihre Änderungen bleiben gespeichert.', at: now().toISOString() } });
        schedule(0);
        return;
      }
      failures += 1;
      emit({ running: false, lastError: { code: apiError.code, message: apiError.message, at: now().toISOString() } });
      schedule(backoffDelay(failures, policy, options.random));
    }
  }

  async function runCycle(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = (async () => {
      do {
        again = false;
        await cycle();
      } while (again && session && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    state: () => state,
    serverSession: () => (session ? { serverUrl: session.serverUrl, token: session.token, displayName: session.displayName } : null),
    async signIn(serverUrl, username, password) {
      const api = createSyncApi(serverUrl, options.fetch);
      const reply = await api.login({ username, password });
      const { displayName, role, fachdienst, region } = reply.user;
      session = { api, serverUrl, token: reply.token, displayName, user: { displayName, role, fachdienst, region } };
      const store = options.store();
      if (store) {
        store.setMeta(META_SIGNED_IN_USER, reply.user.id);
        store.audit('sign_in', now());
      }
      failures = 0;
      stopped = false;
      // Announce the user at once: with the store locked (IT support never unlocks it) no cycle runs to do so.
      emit({});
      await runCycle();
      return state;
    },
    signOut() {
      if (session) options.store()?.audit('sign_out', now());
      session = null;
      schedule(0);
      return state;
    },
    async refreshNotes(appointmentId) {
      const current = session;
      const store = options.store();
      if (current && store) await fetchNotes(current, store, appointmentId);
    },
    async syncNow() {
      await runCycle();
      return state;
    },
    notifyLocalChange() {
      // While backing off after a failure the change waits for the next attempt: autosaves while offline must
      // not turn into a retry per keystroke. Otherwise a short pause collects a burst of autosaves into one batch.
      // A change made while a cycle runs may have missed that cycle's push: mark the cycle to run once more
      // instead of leaving the change to the next poll (about a minute).
      if (session && !stopped && failures === 0 && !running) return schedule(LOCAL_CHANGE_DELAY_MS);
      if (running) again = true;
      emit({});
    },
    refresh() {
      emit({});
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
