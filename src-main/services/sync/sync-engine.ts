/**
 * The offline-first sync engine. Local changes already sit in the store's outbox; this engine delivers them
 * in order when the server is reachable, applies the server's outcome per operation (the server applies each
 * op id at most once, so resending after a lost answer is safe), pulls the appointment feed incrementally by
 * cursor for a window of days — with the notes of the appointments it carries, so a fresh laptop holds the
 * server's notes offline — and reports its state live. Failures are retried with exponential backoff and
 * jitter; nothing is dropped. Who is signed in is the server session's business (services/server-session): the
 * engine asks it for credentials before each cycle and asks it to renew them when the server answers 401.
 *
 * Between cycles a cheap health probe every few seconds notices a server that went away (the status bar says
 * so at once, not at the next poll a minute later) and one that came back (the outbox goes out right away).
 */
import type { SyncState } from '../../../src-shared/store/status.js';
import type { ServerCredentials, ServerSession } from '../server-session/server-session.js';
import type { LocalStore } from '../store/local-store.js';
import { META_SIGNED_IN_USER } from '../store/local-store.js';
import { createSyncApi, SyncApiError, type SyncApi } from './api-client.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';

/** Outcomes the server marks as worth retrying (see src-server/api/ops.ts): the op stays in the outbox. */
const RETRYABLE_OP_ERRORS = new Set(['INTERNAL', 'OP_IN_PROGRESS']);
const BATCH_SIZE = 100;
const LOCAL_CHANGE_DELAY_MS = 500;
const META_FEED_CURSOR = 'sync.appointments.cursor';
/** Kept in the store so that "Stand" after a restart shows the last sync, not "never". */
const META_LAST_SUCCESS = 'sync.lastSuccessAt';

export interface SyncWindow {
  /** Days before today that stay in the local calendar. */
  readonly pastDays: number;
  /** Days after today that are fetched. */
  readonly futureDays: number;
}

export interface SyncEngineOptions {
  /** The open store, or null while it is locked (then nothing is sent or pulled). */
  readonly store: () => LocalStore | null;
  readonly session: Pick<ServerSession, 'state' | 'access' | 'renew'>;
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
  /** How often to probe the server's health between cycles (0: never). */
  readonly probeIntervalMs?: number;
  readonly window?: SyncWindow;
  readonly fetch?: typeof fetch;
  readonly log?: (message: string) => void;
}

export interface SyncEngine {
  state(): SyncState;
  /** The server session changed (signed in, out, expired): start syncing or stop. */
  sessionChanged(): void;
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

interface Session extends ServerCredentials {
  readonly api: SyncApi;
}

const PROBE_TIMEOUT_MS = 3_000;

const isoDay = (date: Date, offsetDays: number): string => new Date(date.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const now = options.now ?? (() => new Date());
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const pollMs = options.pollIntervalMs ?? 60_000;
  const window = options.window ?? { pastDays: 14, futureDays: 28 };
  const log = options.log ?? (() => {});
  const probeMs = options.probeIntervalMs ?? 4_000;
  const apis = new Map<string, SyncApi>();
  const apiFor = (serverUrl: string): SyncApi => {
    let api = apis.get(serverUrl);
    if (!api) apis.set(serverUrl, (api = createSyncApi(serverUrl, options.fetch)));
    return api;
  };
  const signedIn = (): boolean => options.session.state().status === 'signed-in';

  let failures = 0;
  let probeTimer: NodeJS.Timeout | null = null;
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
    if (state.lastSuccessAt === null && change.lastSuccessAt === undefined && store) change = { ...change, lastSuccessAt: store.meta(META_LAST_SUCCESS) };
    const sessionState = options.session.state();
    state = {
      ...state,
      ...change,
      connected: sessionState.status === 'signed-in',
      serverUrl: sessionState.serverUrl,
      // Who is signed in decides the views (routes.ts): announced also while the store stays locked.
      user: sessionState.status === 'signed-in' ? sessionState.user : null,
      pendingCount: counts.pending + counts.rejected,
      rejectedCount: counts.rejected,
    };
    options.onState(state);
  }

  function schedule(delayMs: number): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || !signedIn()) {
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

  /** Push and pull with the session's credentials; on a 401 once more with renewed ones. */
  async function exchange(store: LocalStore): Promise<boolean> {
    let credentials = await options.session.access();
    for (let attempt = 0; credentials; attempt += 1) {
      const current: Session = { ...credentials, api: apiFor(credentials.serverUrl) };
      // Notes written from now on name this user as author (local-store.ts).
      if (store.meta(META_SIGNED_IN_USER) !== current.userId) store.setMeta(META_SIGNED_IN_USER, current.userId);
      try {
        await push(current, store);
        await pull(current, store);
        return true;
      } catch (error) {
        if (!(error instanceof SyncApiError && error.status === 401) || attempt > 0) throw error;
        credentials = await options.session.renew(current.token);
      }
    }
    return false;
  }

  async function cycle(): Promise<void> {
    const store = options.store();
    if (!signedIn() || !store) return;
    emit({ running: true });
    try {
      if (!(await exchange(store))) {
        // The sign-in expired: the session says so; the outbox keeps everything until the next sign-in.
        emit({ running: false, nextAttemptAt: null });
        return;
      }
      failures = 0;
      const at = now().toISOString();
      store.setMeta(META_LAST_SUCCESS, at);
      emit({ running: false, lastSuccessAt: at, lastError: null });
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
      } while (again && signedIn() && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  /**
   * Between cycles: is the server still there? A failed probe shows it unreachable at once; a good probe after a
   * failure runs the cycle now instead of waiting out the backoff.
   */
  async function probe(): Promise<void> {
    const serverUrl = signedIn() ? options.session.state().serverUrl : null;
    if (!serverUrl || running || stopped) return;
    try {
      await apiFor(serverUrl).health(PROBE_TIMEOUT_MS);
      // Only after "unreachable": a server that answers with errors keeps its backoff.
      if (failures > 0 && !running && state.lastError?.code === 'SERVER_UNREACHABLE') void runCycle();
    } catch (error) {
      if (running || !signedIn() || (state.lastError && failures > 0)) return;
      const apiError = error instanceof SyncApiError ? error : new SyncApiError('SERVER_UNREACHABLE', String(error), null);
      failures = Math.max(failures, 1);
      emit({ lastError: { code: apiError.code, message: apiError.message, at: now().toISOString() } });
    }
  }

  function armProbe(): void {
    if (probeTimer || probeMs <= 0 || stopped) return;
    probeTimer = setInterval(() => void probe(), probeMs);
    probeTimer.unref();
  }

  function disarmProbe(): void {
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = null;
  }

  return {
    state: () => state,
    sessionChanged() {
      if (signedIn()) {
        failures = 0;
        stopped = false;
        armProbe();
        // Announce the user at once: with the store locked (IT support never unlocks it) no cycle runs to do so.
        emit({});
        void runCycle();
        return;
      }
      disarmProbe();
      schedule(0);
    },
    async refreshNotes(appointmentId) {
      const store = options.store();
      const credentials = signedIn() && store ? await options.session.access() : null;
      if (credentials && store) await fetchNotes({ ...credentials, api: apiFor(credentials.serverUrl) }, store, appointmentId);
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
      if (signedIn() && !stopped && failures === 0 && !running) return schedule(LOCAL_CHANGE_DELAY_MS);
      if (running) again = true;
      emit({});
    },
    refresh() {
      emit({});
    },
    stop() {
      stopped = true;
      disarmProbe();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
