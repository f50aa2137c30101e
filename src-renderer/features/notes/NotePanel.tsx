/**
 * The Beratungsvermerk of one appointment beside other work (the session window during the call): the notes
 * view's editor and store, without the lists, so the note autosaves and versions exactly as in „Vermerke“.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NoteEditor } from './NoteEditor.js';
import { useNotes, watchNoteSync } from './notes-store.js';
import '../calendar/workday.css';
import './notes.css';

export function NotePanel({ appointmentId }: { readonly appointmentId: string }) {
  const { t } = useTranslation('notes');
  const { selected, selectedMissing, versions, versionsFor } = useNotes();

  useEffect(() => {
    void useNotes.getState().select(appointmentId);
    return watchNoteSync();
  }, [appointmentId]);

  if (selectedMissing) return <p className="notice notice--warn">{t('notFound')}</p>;
  if (!selected || selected.id !== appointmentId || versionsFor !== appointmentId) return <p role="status">{t('panelLoading')}</p>;
  return <NoteEditor key={selected.id} appointment={selected} versions={versions} />;
}
