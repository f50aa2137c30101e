/**
 * The notes screen's state: the held Beratungen of the last weeks with their note state (overdue first), and
 * the versions of the note being edited. Versions and their sync state come from the local store, which keeps
 * every autosave as a version and sends it through the outbox.
 */
import { create } from 'zustand';
import type { Appointment } from '../../../src-shared/domain/appointment.js';
import type { NoteContent } from '../../../src-shared/domain/note.js';
import { IpcError } from '../../../src-shared/ipc/errors.js';
import type { LocalNoteVersion } from '../../../src-shared/ipc/features/local-data.js';
import { addCalendarDays, noteState, type NoteState } from '../../../src-shared/rules/index.js';
import { bridge } from '../../bridge/index.js';
import { today } from '../calendar/dates.js';

export const WINDOW_DAYS = 28;

export interface NoteItem {
  readonly appointment: Appointment;
  readonly state: NoteState;
  readonly hasVersions: boolean;
}

interface NotesState {
  items: NoteItem[];
  loadState: 'idle' | 'loading' | 'ready' | 'locked' | 'failed';
  error: string | null;
  selectedId: string | null;
  /**
   * The selected appointment, read from the store by id: also one the lists do not show (planned, in the call
   * right now, or older than the window). Null while loading, or when the store does not hold it.
   */
  selected: Appointment | null;
  /** The selected id was looked up and the store does not hold that appointment. */
  selectedMissing: boolean;
  versions: LocalNoteVersion[];
  /** The appointment `versions` belong to; the editor opens once it equals `selectedId`. */
  versionsFor: string | null;
  load(): Promise<void>;
  select(appointmentId: string | null): Promise<void>;
  save(noteId: string, appointmentId: string, content: NoteContent): Promise<LocalNoteVersion>;
  refreshVersions(): Promise<void>;
}

/** Saves on their way to the store. */
const saving = new Set<Promise<unknown>>();

const rank: Record<NoteState, number> = { overdue: 0, written: 1, not_required: 2 };

export const useNotes = create<NotesState>((set, get) => ({
  items: [],
  loadState: 'idle',
  error: null,
  selectedId: null,
  selected: null,
  selectedMissing: false,
  versions: [],
  versionsFor: null,

  async load() {
    const to = today();
    const from = addCalendarDays(to, -(WINDOW_DAYS - 1));
    set({ loadState: get().items.length ? get().loadState : 'loading', error: null });
    try {
      const [{ items: appointments }, { items: states }] = await Promise.all([
        bridge.call['appointments.range']({ from, to }),
        bridge.call['notes.states']({ from, to }),
      ]);
      const byAppointment = new Map(appointments.map((appointment) => [appointment.id, appointment]));
      const items = states.flatMap(({ appointmentId, state, versionCount }): NoteItem[] => {
        const appointment = byAppointment.get(appointmentId);
        return appointment ? [{ appointment, state, hasVersions: versionCount > 0 }] : [];
      });
      items.sort((a, b) => rank[a.state] - rank[b.state] || b.appointment.start.localeCompare(a.appointment.start));
      set({ items, loadState: 'ready' });
    } catch (error) {
      if (error instanceof IpcError && error.code === 'LOCKED') set({ loadState: 'locked', items: [] });
      else set({ loadState: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  },

  async select(appointmentId) {
    set({ selectedId: appointmentId, selected: null, selectedMissing: false, versions: [], versionsFor: null });
    if (!appointmentId) return;
    try {
      const appointment = await bridge.call['appointments.get']({ appointmentId });
      if (get().selectedId === appointmentId) set({ selected: appointment });
    } catch {
      if (get().selectedId === appointmentId) set({ selectedMissing: true });
      return;
    }
    await get().refreshVersions();
  },

  async refreshVersions() {
    const appointmentId = get().selectedId;
    if (!appointmentId) return;
    // An editor that just closed (the call's side panel at hang-up) may still be saving: the next editor of the
    // same note must start from that version, not from an older one or a second note.
    await Promise.allSettled([...saving]);
    const { versions } = await bridge.call['notes.forAppointment']({ appointmentId });
    if (get().selectedId === appointmentId) set({ versions, versionsFor: appointmentId });
  },

  async save(noteId, appointmentId, content) {
    const saved = bridge.call['notes.save']({ noteId, appointmentId, content });
    saving.add(saved);
    void saved.finally(() => saving.delete(saved)).catch(() => {});
    const version = await saved;
    set((state) => ({
      versions: state.selectedId === appointmentId ? [...state.versions.filter((v) => v.version !== version.version), version] : state.versions,
      items: state.items.map((item) =>
        item.appointment.id === appointmentId
          ? { ...item, hasVersions: true, state: item.state === 'written' ? 'written' : noteState(item.appointment, [version]) }
          : item,
      ),
    }));
    return version;
  },
}));

/**
 * Refreshes sync states (pending → synced) when the sync engine reports progress, and the list and the open
 * note when server versions arrived (the feed after a first sync, another laptop's edit, a conflict).
 */
export function watchNoteSync(): () => void {
  const offSync = bridge.on('sync.state', () => {
    void useNotes.getState().refreshVersions();
  });
  const offNotes = bridge.on('notes.changed', ({ appointmentIds }) => {
    const notes = useNotes.getState();
    if (notes.selectedId !== null && appointmentIds.includes(notes.selectedId)) void notes.refreshVersions();
    void notes.load();
  });
  return () => {
    offSync();
    offNotes();
  };
}
