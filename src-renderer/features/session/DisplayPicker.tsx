/**
 * The app's own share picker (Electron): windows first with the first one chosen, the whole screen only on
 * purpose and with a warning. The web shell never sees this: there the browser shows its own picker.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplaySource } from '../../../src-shared/ipc/features/session.js';
import { bridge } from '../../bridge/index.js';

export function DisplayPicker() {
  const { t } = useTranslation('session');
  const [request, setRequest] = useState<{ requestId: string; sources: DisplaySource[] } | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(
    () =>
      bridge.on('session.displayPicker', (next) => {
        setRequest(next);
        setChosen(next.sources.find((s) => s.kind === 'window')?.id ?? null);
      }),
    [],
  );
  useEffect(() => {
    if (request && !dialog.current?.open) dialog.current?.showModal();
  }, [request]);

  const answer = (sourceId: string | null) => {
    if (!request) return;
    void bridge.call['session.pickDisplay']({ requestId: request.requestId, sourceId }).catch(() => {});
    setRequest(null);
    dialog.current?.close();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer(chosen);
  };
  const group = (kind: DisplaySource['kind']) => {
    const sources = request?.sources.filter((s) => s.kind === kind) ?? [];
    if (sources.length === 0) return null;
    return (
      <fieldset>
        <legend>{t(`share.${kind}s`)}</legend>
        {kind === 'screen' && <p>{t('share.screenWarning')}</p>}
        {sources.map((source) => (
          <label key={source.id} className="session-share__source">
            <input type="radio" name="share-source" value={source.id} checked={chosen === source.id} onChange={() => setChosen(source.id)} />
            <img src={source.thumbnail} alt="" width={160} height={90} />
            {source.name}
          </label>
        ))}
      </fieldset>
    );
  };

  return (
    <dialog ref={dialog} aria-labelledby="session-share-title" onCancel={() => answer(null)}>
      <form onSubmit={submit}>
        <h2 id="session-share-title">{t('share.title')}</h2>
        {group('window')}
        {group('screen')}
        <button type="submit" disabled={chosen === null}>
          {t('share.confirm')}
        </button>
        <button type="button" onClick={() => answer(null)}>
          {t('share.cancel')}
        </button>
      </form>
    </dialog>
  );
}
