import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { appointmentHref, appointmentInHash } from '../../app/routes.js';
import { useReadOnly } from '../../app/back-office-state.js';
import { formatDate, formatTime } from '../calendar/dates.js';
import '../calendar/workday.css';
import { NoteEditor } from './NoteEditor.js';
import { useNotes, watchNoteSync, WINDOW_DAYS } from './notes-store.js';
import './notes.css';

/** `#/vermerke/<appointmentId>` opens that appointment's note. */
const selectedFromHash = (): string | null => appointmentInHash('vermerke', window.location.hash);
const subscribeHash = (notify: () => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

export default function NotesView() {
  const { t, i18n } = useTranslation('notes');
  const { items, loadState, error, selectedId, selected, selectedMissing, versions, versionsFor } = useNotes();
  const fromHash = useSyncExternalStore(subscribeHash, selectedFromHash);
  // Team leads get the states from the server without the notes: a list to read, no editor to open.
  const readOnly = useReadOnly();

  useEffect(() => {
    void useNotes.getState().load();
    return watchNoteSync();
  }, []);

  // Read afresh also when the store still holds this selection (from the call's side panel): the appointment is
  // held by now, and the note has the version its editor saved on closing.
  useEffect(() => {
    void useNotes.getState().select(fromHash);
  }, [fromHash]);

  const overdue = items.filter((item) => item.state === 'overdue');
  const written = items.filter((item) => item.state !== 'overdue');

  const entry = (item: (typeof items)[number]) => {
    const facts = (
      <>
        <span className="note-entry__date">
          {formatDate(item.appointment.start.slice(0, 10), i18n.language)} {formatTime(item.appointment.start, i18n.language)}
        </span>
        <span>{item.appointment.customer.displayName}</span>
        <span className="hint">
          {t(`calendar:type.${item.appointment.type}`)} · {t(`calendar:channel.${item.appointment.channel}`)}
          {readOnly && ` · ${t(`state.${item.state}`)}`}
        </span>
      </>
    );
    return readOnly ? (
      <li key={item.appointment.id} className="note-entry--read-only" data-testid="note-entry" data-state={item.state}>{facts}</li>
    ) : (
      <li key={item.appointment.id}>
        <a href={appointmentHref('vermerke', item.appointment.id)} aria-current={item.appointment.id === selectedId ? 'true' : undefined} data-testid="note-entry">
          {facts}
        </a>
      </li>
    );
  };

  return (
    <section className="notes-view" aria-labelledby="view-title">
      <h1 id="view-title">{t('title')}</h1>
      {loadState === 'locked' && <p className="notice notice--warn" role="status">{t('locked')}</p>}
      {loadState === 'failed' && <p className="notice notice--bad" role="alert">{t('loadFailed', { message: error })}</p>}
      <div className="notes-layout">
        <nav className="notes-list" aria-label={t('lists', { days: WINDOW_DAYS })}>
          <h2>{t('overdueTitle')} ({overdue.length})</h2>
          {overdue.length ? <ul data-testid="notes-overdue">{overdue.map(entry)}</ul> : <p className="hint">{t('overdueEmpty')}</p>}
          <h2>{t('recentTitle')}</h2>
          {written.length ? <ul data-testid="notes-written">{written.map(entry)}</ul> : <p className="hint">{t('recentEmpty')}</p>}
        </nav>
        <div className="notes-editor">
          {readOnly && <p data-testid="notes-read-only">{t('leadPick')}</p>}
          {!readOnly && !selectedId && <p>{t('pick')}</p>}
          {!readOnly && selectedId && selectedMissing && <p className="notice notice--warn">{t('notFound')}</p>}
          {!readOnly && selected && versionsFor === selected.id && <NoteEditor key={selected.id} appointment={selected} versions={versions} />}
        </div>
      </div>
    </section>
  );
}
