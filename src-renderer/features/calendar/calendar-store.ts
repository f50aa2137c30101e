/**
 * The calendar's state: the visible window of appointments from the local (encrypted, offline) cache, the note
 * state of each held Beratung, and the sync state for the "Stand". All writes go through the contract, so they
 * land in the store's outbox and reach the server when it is reachable.
 */
import { create } from 'zustand';
import { CONSENT_TEXT_VERSION, type Appointment, type AppointmentStatus, type Channel, type ConsentRecord } from '../../../src-shared/domain/appointment.js';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import type { SyncState } from '../../../src-shared/store/status.js';
import {
  assertNoRefusal,
  channelAfterWithdrawal,
  channelChangeFindings,
  RuleRefusal,
  statusChangeRefusal,
  type NoteState,
} from '../../../src-shared/rules/index.js';
import { bridge } from '../../bridge/index.js';
import { step, today, visibleRange, type CalendarViewName } from './dates.js';

export type LoadState = 'idle' | 'loading' | 'ready' | 'locked' | 'failed';

interface CalendarState {
  view: CalendarViewName;
  date: string;
  appointments: Appointment[];
  noteStates: Record<string, NoteState>;
  sync: SyncState | null;
  loadState: LoadState;
  error: string | null;
  selectedId: string | null;
  /** The window (`from..to`) whose appointments are loaded; the grid exposes it for tests and the benchmark. */
  loadedRange: string | null;
  /** Search text; the calendar shows the matching appointments only. */
  query: string;
  setQuery(query: string): void;

  load(): Promise<void>;
  setView(view: CalendarViewName): void;
  page(direction: 1 | -1): void;
  goToday(): void;
  goTo(date: string): void;
  select(id: string | null): void;
  setStatus(id: string, status: AppointmentStatus): Promise<void>;
  setChannel(id: string, channel: Channel, reason: 'customer_request' | 'technical' | 'consent_withdrawn' | 'rule'): Promise<void>;
  recordConsent(id: string, via: ConsentRecord['via']): Promise<void>;
  withdrawConsent(id: string): Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const sameStates = (a: Readonly<Record<string, NoteState>>, b: Readonly<Record<string, NoteState>>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/** A window's appointments with the note state of those that need or have a note. */
interface CalendarWindow {
  readonly appointments: Appointment[];
  readonly noteStates: Record<string, NoteState>;
}

/**
 * Windows already read (`from..to`), newest last: paging to a week shown a moment ago, or to a neighbour read
 * ahead while the counsellor looked at this one, draws it at once from memory and then checks it against the
 * store. Emptied when the sync brings news or the user changes an appointment.
 */
const windows = new Map<string, CalendarWindow>();
const WINDOWS_KEPT = 8;
/** The neighbours read ahead, nearest first (in steps of the view: weeks, or working days). */
const READ_AHEAD = [1, -1, 2, -2] as const;
/** Counts the times the windows were forgotten: a read begun before must not put its stale result back. */
let generation = 0;

function remember(range: string, window: CalendarWindow): void {
  windows.delete(range);
  windows.set(range, window);
  if (windows.size > WINDOWS_KEPT) windows.delete(windows.keys().next().value!);
}

export function forgetWindows(): void {
  windows.clear();
  generation += 1;
}

/**
 * Reads of the store under way, by generation and window: paging onto a week whose read-ahead is still running
 * waits for that read instead of starting a second one beside it. Appointments and note states are asked for
 * together, so the grid draws a week once, with its missing notes already marked.
 */
const reads = new Map<string, Promise<CalendarWindow>>();
function readWindow(from: string, to: string): Promise<CalendarWindow> {
  const key = `${generation}|${from}..${to}`;
  let read = reads.get(key);
  if (!read) {
    read = Promise.all([bridge.call['appointments.range']({ from, to }), bridge.call['notes.states']({ from, to })]).then(([{ items }, states]) => ({
      appointments: items,
      noteStates: Object.fromEntries(states.items.map((item) => [item.appointmentId, item.state])),
    }));
    reads.set(key, read);
    const done = () => reads.delete(key);
    read.then(done, done);
  }
  return read;
}

/** Same appointments in the same revisions: a re-read that changed nothing must not redraw the grid. */
const sameAppointments = (a: readonly Appointment[], b: readonly Appointment[]): boolean =>
  a.length === b.length && a.every((item, index) => item.id === b[index]!.id && item.revision === b[index]!.revision && item.updatedAt === b[index]!.updatedAt);

/** Runs `work` when the renderer is idle (after the visible week is drawn), so reading ahead never delays it. */
const whenIdle = (work: () => void): void => {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: 2000 });
  else window.setTimeout(work, 50);
};

let loadSequence = 0;

export const useCalendar = create<CalendarState>((set, get) => {
  const replace = (next: Appointment) => {
    forgetWindows();
    set((state) => ({ appointments: state.appointments.map((item) => (item.id === next.id ? next : item)) }));
  };

  /**
   * Reads the windows around the shown one ahead when the renderer is idle, nearest first and one at a time, so
   * paging a week or two either way draws from memory and a click never waits behind a pile of reads. Stops when
   * the counsellor pages on: the new window reads its own neighbours.
   */
  const readAhead = (sequence: number) =>
    whenIdle(() => {
      const { view, date } = get();
      void (async () => {
        for (const offset of READ_AHEAD) {
          if (sequence !== loadSequence) return;
          let target = date;
          for (let n = 0; n < Math.abs(offset); n += 1) target = step(view, target, offset > 0 ? 1 : -1);
          const { from, to } = visibleRange(view, target);
          const range = `${from}..${to}`;
          if (windows.has(range)) continue;
          const begun = generation;
          const window = await readWindow(from, to);
          // A sync or a change since the read began may have made it stale.
          if (begun === generation) remember(range, window);
        }
      })().catch(() => undefined); // Reading ahead is a convenience; the real load reports errors.
    });

  return {
    view: 'week',
    date: today(),
    appointments: [],
    noteStates: {},
    sync: null,
    loadState: 'idle',
    error: null,
    selectedId: null,
    query: '',
    loadedRange: null,
    setQuery(query) {
      set({ query });
    },

    async load() {
      const sequence = ++loadSequence;
      const { from, to } = visibleRange(get().view, get().date);
      const range = `${from}..${to}`;
      const begun = generation;
      const known = windows.get(range);
      if (known) {
        // A remembered window is current: windows are forgotten on every change, sync and note arrival
        // (watchSync), so it needs no second look at the store.
        set({ appointments: known.appointments, noteStates: known.noteStates, loadState: 'ready', loadedRange: range, error: null });
        readAhead(sequence);
        return;
      }
      set({ loadState: get().appointments.length ? get().loadState : 'loading', error: null });
      try {
        const [window, sync] = await Promise.all([readWindow(from, to), bridge.call['sync.state']({})]);
        if (sequence !== loadSequence) return;
        // Unchanged data keeps the old objects, so the grid does not rebuild its events for nothing.
        const current = get().appointments;
        const appointments = sameAppointments(window.appointments, current) ? current : window.appointments;
        const noteStates = sameStates(window.noteStates, get().noteStates) ? get().noteStates : window.noteStates;
        set({ appointments, noteStates, sync, loadState: 'ready', loadedRange: range });
        if (begun === generation) remember(range, { appointments, noteStates });
        readAhead(sequence);
      } catch (error) {
        if (sequence !== loadSequence) return;
        if (error instanceof IpcError && error.code === 'LOCKED') set({ loadState: 'locked', appointments: [] });
        else set({ loadState: 'failed', error: messageOf(error) });
      }
    },
    setView(view) {
      set({ view });
      void get().load();
    },
    page(direction) {
      set({ date: step(get().view, get().date, direction), selectedId: null });
      void get().load();
    },
    goToday() {
      set({ date: today() });
      void get().load();
    },
    goTo(date) {
      set({ date });
      void get().load();
    },
    select(id) {
      set({ selectedId: id });
    },

    async setStatus(id, status) {
      const appointment = get().appointments.find((item) => item.id === id);
      if (!appointment) return;
      const refusal = statusChangeRefusal(appointment, status, new Date());
      if (refusal) throw new RuleRefusal(refusal);
      replace(await bridge.call['appointments.setStatus']({ appointmentId: id, status }));
      await get().load();
    },
    async setChannel(id, channel, reason) {
      const appointment = get().appointments.find((item) => item.id === id);
      if (!appointment) return;
      assertNoRefusal(channelChangeFindings(appointment, channel));
      replace(await bridge.call['appointments.setChannel']({ appointmentId: id, channel, reason }));
    },
    async recordConsent(id, via) {
      replace(
        await bridge.call['consent.record']({
          appointmentId: id,
          givenAt: new Date().toISOString(),
          via,
          textVersion: CONSENT_TEXT_VERSION,
          withdrawnAt: null,
        }),
      );
    },
    async withdrawConsent(id) {
      const appointment = get().appointments.find((item) => item.id === id);
      if (!appointment?.consent) return;
      // Withdrawal never blocks the appointment: record it, then move the appointment off video.
      let next = await bridge.call['consent.record']({ ...appointment.consent, withdrawnAt: new Date().toISOString() });
      const change = channelAfterWithdrawal(next);
      if (change) next = await bridge.call['appointments.setChannel']({ appointmentId: id, channel: change.channel, reason: change.reason });
      replace(next);
    },
  };
});

/**
 * Keeps the "Stand" current and reloads when the sync engine brings new data or server versions of notes arrive.
 * Starts with no remembered windows (notes written on another screen since the calendar was last open change
 * what it must show), and forgets them and the shown week when the calendar closes, so no customer data stays in
 * the renderer's memory behind the lock screen.
 */
export function watchSync(): () => void {
  forgetWindows();
  let lastSuccess: string | null = null;
  const offSync = bridge.on('sync.state', (sync) => {
    useCalendar.setState({ sync });
    if (sync.lastSuccessAt !== lastSuccess) {
      lastSuccess = sync.lastSuccessAt;
      forgetWindows();
      void useCalendar.getState().load();
    }
  });
  const offNotes = bridge.on('notes.changed', ({ appointmentIds }) => {
    // Remembered weeks may hold these appointments; the shown one is read again only if it does.
    forgetWindows();
    const changed = new Set(appointmentIds);
    if (useCalendar.getState().appointments.some((appointment) => changed.has(appointment.id))) void useCalendar.getState().load();
  });
  return () => {
    offSync();
    offNotes();
    forgetWindows();
    loadSequence += 1; // a read still under way must not put the week back
    useCalendar.setState({ appointments: [], noteStates: {}, loadedRange: null, selectedId: null, loadState: 'idle' });
  };
}
