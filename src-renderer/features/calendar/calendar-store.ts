/**
 * The calendar's state: the visible window of appointments from the local (encrypted, offline) cache, the note
 * state of each held Beratung, and the sync state for the "Stand". All writes go through the contract, so they
 * land in the store's outbox and reach the server when it is reachable.
 */
import { create } from 'zustand';
import type { Appointment, AppointmentStatus, Channel, ConsentRecord } from '../../../src-shared/domain/appointment.js';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import type { SyncState } from '../../../src-shared/store/status.js';
import {
  assertNoRefusal,
  channelAfterWithdrawal,
  channelChangeFindings,
  noteState,
  requiresNote,
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
  /** The configured number of the agency's video channels (load per hour). */
  videoChannels: number;
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
  setVideoChannels(count: number): void;
  setStatus(id: string, status: AppointmentStatus): Promise<void>;
  setChannel(id: string, channel: Channel, reason: 'customer_request' | 'technical' | 'consent_withdrawn' | 'rule'): Promise<void>;
  recordConsent(id: string, via: ConsentRecord['via']): Promise<void>;
  withdrawConsent(id: string): Promise<void>;
}

const CHANNELS_KEY = 'beratungsraum.videoChannels';
const CONSENT_TEXT_VERSION = '2026-01';

function storedChannels(): number {
  const value = Number(window.localStorage.getItem(CHANNELS_KEY));
  return Number.isInteger(value) && value > 0 ? value : 2;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Note states of the held Beratungen among `appointments`; only those with a saved note need a look inside. */
async function loadNoteStates(appointments: readonly Appointment[], from: string, to: string): Promise<Record<string, NoteState>> {
  const needing = appointments.filter(requiresNote);
  if (needing.length === 0) return {};
  const { items } = await bridge.call['notes.list']({ from, to });
  const withNote = new Set(items.map((summary) => summary.appointmentId));
  const states: Record<string, NoteState> = {};
  await Promise.all(
    needing.map(async (appointment) => {
      if (!withNote.has(appointment.id)) {
        states[appointment.id] = 'overdue';
        return;
      }
      const { versions } = await bridge.call['notes.forAppointment']({ appointmentId: appointment.id });
      states[appointment.id] = noteState(appointment, versions);
    }),
  );
  return states;
}

let loadSequence = 0;

export const useCalendar = create<CalendarState>((set, get) => {
  const replace = (next: Appointment) =>
    set((state) => ({ appointments: state.appointments.map((item) => (item.id === next.id ? next : item)) }));

  return {
    view: 'week',
    date: today(),
    appointments: [],
    noteStates: {},
    sync: null,
    loadState: 'idle',
    error: null,
    selectedId: null,
    videoChannels: storedChannels(),
    query: '',
    loadedRange: null,
    setQuery(query) {
      set({ query });
    },

    async load() {
      const sequence = ++loadSequence;
      const { from, to } = visibleRange(get().view, get().date);
      set({ loadState: get().appointments.length ? get().loadState : 'loading', error: null });
      try {
        const [{ items }, sync] = await Promise.all([bridge.call['appointments.range']({ from, to }), bridge.call['sync.state']({})]);
        if (sequence !== loadSequence) return;
        set({ appointments: items, sync, loadState: 'ready', loadedRange: `${from}..${to}` });
        const noteStates = await loadNoteStates(items, from, to);
        if (sequence === loadSequence) set({ noteStates });
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
    setVideoChannels(count) {
      window.localStorage.setItem(CHANNELS_KEY, String(count));
      set({ videoChannels: count });
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

/** Keeps the "Stand" current and reloads when the sync engine brings new data. */
export function watchSync(): () => void {
  let lastSuccess: string | null = null;
  return bridge.on('sync.state', (sync) => {
    useCalendar.setState({ sync });
    if (sync.lastSuccessAt !== lastSuccess) {
      lastSuccess = sync.lastSuccessAt;
      void useCalendar.getState().load();
    }
  });
}
