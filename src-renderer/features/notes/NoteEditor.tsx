import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, Channel } from '../../../src-shared/domain/appointment.js';
import { ParticipantRole, type NoteContent } from '../../../src-shared/domain/note.js';
import type { LocalNoteVersion } from '../../../src-shared/ipc/features/local-data.js';
import {
  allowedChannels,
  draftFromTemplate,
  isHealthData,
  minutesBetween,
  noteState,
  noteTemplate,
  validateNote,
  type TextField,
} from '../../../src-shared/rules/index.js';
import { formatDate, formatDateTime, formatTime } from '../calendar/dates.js';
import { useNotes } from './notes-store.js';

/** Quiet time after the last keystroke before an autosave; each save is a version in the encrypted store. */
const AUTOSAVE_MS = 1200;
const TEXT_FIELDS: readonly TextField[] = ['anlass', 'situation', 'ziele', 'vereinbarungen'];

type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: string; version: number } | { kind: 'failed'; message: string };

const newestOf = (versions: readonly LocalNoteVersion[]): LocalNoteVersion | null =>
  versions.reduce<LocalNoteVersion | null>((newest, version) => (!newest || version.version > newest.version ? version : newest), null);

/**
 * The Beratungsvermerk editor: the template of the occasion with structured fields and free text, validation of
 * the required fields, autosave into the encrypted local store, the overdue state, versions and their sync state.
 */
export function NoteEditor({ appointment, versions }: { appointment: Appointment; versions: readonly LocalNoteVersion[] }) {
  const { t, i18n } = useTranslation('notes');
  const save = useNotes((state) => state.save);
  const newest = newestOf(versions);
  const [noteId] = useState(() => newest?.noteId ?? crypto.randomUUID());
  const [content, setContent] = useState<NoteContent>(
    () => newest?.content ?? draftFromTemplate(appointment.type, appointment.channel, minutesBetween(appointment.start, appointment.end)),
  );
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const lastSaved = useRef(JSON.stringify(newest?.content ?? null));
  const pending = useRef<NoteContent | null>(null);

  const flush = useCallback(async () => {
    const next = pending.current;
    pending.current = null;
    if (!next || JSON.stringify(next) === lastSaved.current) return;
    setSaveState({ kind: 'saving' });
    try {
      const version = await save(noteId, appointment.id, next);
      lastSaved.current = JSON.stringify(next);
      setSaveState({ kind: 'saved', at: version.savedAt, version: version.version });
    } catch (error) {
      pending.current = next;
      setSaveState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, [save, noteId, appointment.id]);

  useEffect(() => {
    if (!pending.current) return;
    const timer = window.setTimeout(() => void flush(), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [content, flush]);

  // Leaving the editor (another appointment, another screen) saves what is still pending.
  useEffect(() => () => void flush(), [flush]);

  const change = (next: NoteContent) => {
    pending.current = next;
    setContent(next);
    setSaveState({ kind: 'dirty' });
  };
  const setField = <K extends keyof NoteContent['fields']>(field: K, value: NoteContent['fields'][K]) =>
    change({ ...content, fields: { ...content.fields, [field]: value } });

  const issues = validateNote(appointment.type, content);
  const issueOf = (field: string) => issues.find((issue) => issue.field === field);
  const template = noteTemplate(appointment.type);
  // Saved versions only: a complete text that is not saved yet is not a written note.
  const state = noteState(appointment, versions);
  const conflicts = versions.filter((version) => version.conflictOf !== null);

  const describedBy = (field: string) => (issueOf(field) ? `note-issue-${field}` : undefined);
  const issueText = (field: string) => {
    const issue = issueOf(field);
    return issue ? <span id={`note-issue-${field}`} className="field__issue">{t(`issue.${issue.code}`)}</span> : null;
  };

  return (
    <article className="note-editor" aria-labelledby="note-editor-title" data-testid="note-editor">
      <h2 id="note-editor-title">
        {t('editorTitle', { type: t(`calendar:type.${appointment.type}`), date: formatDate(appointment.start.slice(0, 10), i18n.language) })}
      </h2>
      <p>
        {t('customer', { customer: appointment.customer.displayName })} · {formatTime(appointment.start, i18n.language)}–
        {formatTime(appointment.end, i18n.language)} · {t(`calendar:channel.${appointment.channel}`)}
      </p>
      {isHealthData(appointment) && <p className="notice notice--warn">{t('healthData')}</p>}
      {state === 'overdue' ? (
        <p className="notice notice--bad" data-testid="note-state-overdue">{t('overdue')}</p>
      ) : state === 'written' ? (
        <p className="notice notice--ok" data-testid="note-state-written">{t('complete')}</p>
      ) : null}
      {conflicts.length > 0 && <p className="notice notice--warn" role="status">{t('conflictNotice')}</p>}

      <form className="note-form" onSubmit={(event) => { event.preventDefault(); void flush(); }} noValidate>
        {TEXT_FIELDS.map((field) => {
          const required = template.requiredText.includes(field);
          const multiline = field !== 'anlass';
          const props = {
            id: `note-${field}`,
            value: content.fields[field],
            required,
            'aria-required': required,
            'aria-invalid': Boolean(issueOf(field)),
            'aria-describedby': describedBy(field),
            spellCheck: true,
            lang: 'de',
          };
          return (
            <div className="field" key={field}>
              <label htmlFor={`note-${field}`}>
                {t(`fields.${field}`)}
                {required && <span className="field__required"> ({t('required')})</span>}
              </label>
              {multiline ? (
                <textarea {...props} rows={field === 'situation' ? 5 : 3} onChange={(event) => setField(field, event.target.value)} />
              ) : (
                <input {...props} type="text" onChange={(event) => setField(field, event.target.value)} />
              )}
              {issueText(field)}
            </div>
          );
        })}
        <div className="field-row">
          <div className="field">
            <label htmlFor="note-kanal">{t('fields.kanal')}</label>
            <select id="note-kanal" value={content.fields.kanal} aria-invalid={Boolean(issueOf('kanal'))} aria-describedby={describedBy('kanal')}
              onChange={(event) => setField('kanal', event.target.value as Channel)}>
              {(['praesenz', 'video', 'telefon'] as const).map((channel) => (
                <option key={channel} value={channel} disabled={!allowedChannels(appointment.type).includes(channel)}>
                  {t(`calendar:channel.${channel}`)}
                </option>
              ))}
            </select>
            {issueText('kanal')}
          </div>
          <div className="field">
            <label htmlFor="note-dauer">{t('fields.dauerMinuten')}</label>
            <input id="note-dauer" type="number" min={0} max={600} value={content.fields.dauerMinuten}
              aria-invalid={Boolean(issueOf('dauerMinuten'))} aria-describedby={describedBy('dauerMinuten')}
              onChange={(event) => {
                const value = Math.round(Number(event.target.value));
                if (Number.isFinite(value)) setField('dauerMinuten', Math.max(0, Math.min(600, value)));
              }} />
            {issueText('dauerMinuten')}
          </div>
        </div>
        <fieldset className="field" aria-describedby={describedBy('teilnehmende')}>
          <legend>{t('fields.teilnehmende')}</legend>
          {ParticipantRole.options.map((role) => (
            <label key={role} className="checkbox">
              <input type="checkbox" checked={content.fields.teilnehmende.includes(role)}
                onChange={(event) =>
                  setField('teilnehmende', event.target.checked
                    ? [...content.fields.teilnehmende, role]
                    : content.fields.teilnehmende.filter((candidate) => candidate !== role))} />
              {t(`participants.${role}`)}
            </label>
          ))}
          {issueText('teilnehmende')}
        </fieldset>
        <div className="field">
          <label htmlFor="note-freetext">{t('fields.freeText')}</label>
          <textarea id="note-freetext" rows={6} value={content.freeText} spellCheck lang="de"
            onChange={(event) => change({ ...content, freeText: event.target.value })} />
        </div>
        <p className="hint">{t('spellcheck')}</p>
        {issues.length > 0 && (
          <div className="notice notice--warn" data-testid="note-issues">
            <strong>{t('open')}:</strong> {issues.map((issue) => t(`fields.${issue.field}`)).join(', ')}
          </div>
        )}
        <div className="note-form__footer">
          <p role="status" aria-live="polite" data-testid="note-save-state">
            {saveState.kind === 'saved'
              ? t('save.saved', { time: formatTime(saveState.at, i18n.language), version: saveState.version })
              : saveState.kind === 'failed'
                ? t('save.failed', { message: saveState.message })
                : t(`save.${saveState.kind}`)}
          </p>
          <button type="submit">{t('save.now')}</button>
        </div>
      </form>

      {versions.length > 0 && (
        <section aria-labelledby="note-versions-title">
          <h3 id="note-versions-title">{t('versions')}</h3>
          <table className="data" data-testid="note-versions">
            <thead>
              <tr>
                <th scope="col">{t('version')}</th>
                <th scope="col">{t('savedAt')}</th>
                <th scope="col">{t('syncState')}</th>
              </tr>
            </thead>
            <tbody>
              {[...versions].sort((a, b) => b.version - a.version).map((version) => (
                <tr key={`${version.noteId}:${version.version}`}>
                  <td>
                    {version.version}
                    {version.conflictOf !== null && <span className="badge badge--warn">{t('conflict', { version: version.conflictOf })}</span>}
                  </td>
                  <td>{formatDateTime(version.savedAt, i18n.language)}</td>
                  <td data-testid="note-version-sync">{t(`sync.${version.syncState}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}
