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
  versions: LocalNoteVersion[];
  /** The appointment `versions` belong to; the editor opens once it equals `selectedId`. */
  versionsFor: string | null;
  load(): Promise<void>;
  select(appointmentId: string | null): Promise<void>;
  save(noteId: string, appointmentId: string, content: NoteContent): Promise<LocalNoteVersion>;
  refreshVersions(): Promise<void>;
}

const rank: Record<NoteState, number> = { overdue: 0, written: 1, not_required: 2 };

export const useNotes = create<NotesState>((set, get) => ({
  items: [],
  loadState: 'idle',
  error: null,
  selectedId: null,
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
    set({ selectedId: appointmentId, versions: [], versionsFor: null });
    if (appointmentId) await get().refreshVersions();
  },

  async refreshVersions() {
    const appointmentId = get().selectedId;
    if (!appointmentId) return;
    const { versions } = await bridge.call['notes.forAppointment']({ appointmentId });
    if (get().selectedId === appointmentId) set({ versions, versionsFor: appointmentId });
  },

  async save(noteId, appointmentId, content) {
    const version = await bridge.call['notes.save']({ noteId, appointmentId, content });
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
